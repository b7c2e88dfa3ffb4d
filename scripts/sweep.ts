// `npm run sweep`: release expired stock reservations, confirm receipt of parcels shipped more than
// 10 days ago without a complaint, expire lapsed product certificates and run the schemes' dated
// duties once
// (e.g. from cron) and print what happened.
// Run it against a database no server process is writing to, or accept an occasional SQLITE_BUSY
// retry (two processes writing one SQLite file failed 552 of 1,000 transactions on 2 cores; see
// decision 0001); the server process sweeps on its own timer anyway.
import { expireCertificates } from "~/models/catalog/certification.server";
import { releaseExpiredReservations, sweepSchemes } from "~/models/orders/reservation-sweeper.server";
import { confirmOverdueReceipts } from "~/models/parcels/shipping.server";

const result = await releaseExpiredReservations(new Date());
console.log(`released ${result.released} expired reservation(s); ${result.awaitingPayment} awaiting a payment already made`);
console.log(`${await confirmOverdueReceipts(new Date())} parcel(s) confirmed received automatically`);
console.log(`${await expireCertificates()} product certificate(s) expired`);
const schemes = await sweepSchemes(new Date());
console.log(`pre-sales decided ${schemes.decided}, balances lapsed ${schemes.lapsed}, refunds settled ${schemes.refundedFen} fen, traveller ID numbers dropped ${schemes.idsDropped}`);
process.exit(0);
