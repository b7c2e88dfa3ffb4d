// The migration that brought parcels carries a database's shipments and gift codes over and
// splits paid, unshipped orders into one parcel per co-op. Applied here to a database migrated
// up to the migration before it and filled with rows of the old shape.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createClient } from "@libsql/client";
import { describe, expect, it } from "vitest";

const MIGRATIONS = path.resolve(import.meta.dirname, "../../../prisma/migrations");
const PARCELS = "20261201130000_parcels_after_sales_settlements";

const LEGACY = `
INSERT INTO EasternCity(id,slug,name,province,since,intro,districts) VALUES('c1','fz','福州','福建',2016,'','[]');
INSERT INTO Prefecture(id,slug,name,shortName,intro,partnerCityId) VALUES('pf','dx','定西市','定西','','c1');
INSERT INTO County(id,slug,name,pinyin,prefectureId,partnerCityId,partnerDistrict,population,profile) VALUES('ct','wy','渭源县','wy','pf','c1','x',1,'');
INSERT INTO Coop(id,slug,name,creditCode,countyId,intro,contactName,contactPhone) VALUES('A','a','A社','X1','ct','','',''),('B','b','B社','X2','ct','','','');
INSERT INTO Category(id,slug,name) VALUES('cat','c','粮');
INSERT INTO Product(id,slug,name,description,unit,harvestSeason,shippingNote,categoryId,countyId,coopId,updatedAt) VALUES('pa','pa','苹果','','箱','','','cat','ct','A',0),('pb','pb','核桃','','箱','','','cat','ct','B',0);
INSERT INTO Variant(id,productId,sku,name,weightGrams,priceFen) VALUES('va','pa','SKA','5斤',1,100),('vb','pb','SKB','礼盒',1,200);
INSERT INTO User(id,email,name,passwordHash) VALUES('u','u@x','u','h');
INSERT INTO "Order"(id,number,buyerId,status,subtotalFen,totalFen,recipient,mobile,province,city,district,street) VALUES
 ('o1','N1','u','PAID',300,300,'张','13800138000','福建省','福州','鼓楼','路1'),
 ('o2','N2','u','SHIPPED',300,300,'李','13800138000','福建省','福州','鼓楼','路2'),
 ('o3','N3','u','PAID',2000,2000,NULL,NULL,NULL,NULL,NULL,NULL),
 ('o4','N4','u','PENDING_PAYMENT',100,100,'周','13800138000','福建省','福州','鼓楼','路4');
INSERT INTO OrderLine(id,orderId,variantId,productId,productName,variantName,quantity,unitPriceFen,lineTotalFen) VALUES
 ('l1','o1','va','pa','苹果','5斤',1,100,100),('l2','o1','vb','pb','核桃','礼盒',1,200,200),
 ('l3','o2','va','pa','苹果','5斤',1,100,100),('l4','o2','vb','pb','核桃','礼盒',1,200,200),
 ('l5','o3','vb','pb','核桃','礼盒',10,200,2000),('l6','o4','va','pa','苹果','5斤',1,100,100);
INSERT INTO Shipment(id,orderId,recipient,mobile,province,city,district,street,packageLabel,quantity,courier,trackingNumber,status,shippedAt) VALUES
 ('s2','o2','李','13800138000','福建省','福州','鼓楼','路2',NULL,1,'顺丰速运','SF1','SHIPPED',0),
 ('s3','o3','王','13900139000','福建省','福州','鼓楼','路3','核桃·礼盒（SKB）',2,NULL,NULL,'PENDING',NULL),
 ('s4','o3','赵','13900139000','福建省','福州','鼓楼','路4','核桃·礼盒（SKB）',1,NULL,NULL,'PENDING',NULL);
INSERT INTO GiftCode(id,orderId,codeHash,codeHint,packageName,expiresAt,redeemedAt,shipmentId) VALUES
 ('g1','o3','h1','AAAA','核桃·礼盒（SKB）',0,0,'s4'),('g2','o3','h2','BBBB','核桃·礼盒（SKB）',0,NULL,NULL);
`;

describe("the parcels migration", () => {
  it("turns shipments into parcels with their items, splits paid unshipped orders per co-op, and repoints gift codes", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lht-mig-")), "m.db");
    const db = createClient({ url: `file:${file}` });
    try {
      const dirs = fs.readdirSync(MIGRATIONS).filter((d) => fs.existsSync(path.join(MIGRATIONS, d, "migration.sql"))).sort();
      for (const dir of dirs.slice(0, dirs.indexOf(PARCELS))) await db.executeMultiple(fs.readFileSync(path.join(MIGRATIONS, dir, "migration.sql"), "utf8"));
      await db.executeMultiple(LEGACY);
      await db.executeMultiple(fs.readFileSync(path.join(MIGRATIONS, PARCELS, "migration.sql"), "utf8"));

      const parcels = (await db.execute(`SELECT orderId, seq, coopId, source, recipient, status, courier FROM Parcel ORDER BY orderId, seq`)).rows.map((r) => ({ ...r }));
      expect(parcels).toEqual([
        { orderId: "o1", seq: 1, coopId: "A", source: "ORDER", recipient: "张", status: "PENDING", courier: null },
        { orderId: "o1", seq: 2, coopId: "B", source: "ORDER", recipient: "张", status: "PENDING", courier: null },
        { orderId: "o2", seq: 1, coopId: "A", source: "ORDER", recipient: "李", status: "SHIPPED", courier: "顺丰速运" },
        { orderId: "o3", seq: 1, coopId: "B", source: "RECIPIENT", recipient: "王", status: "PENDING", courier: null },
        { orderId: "o3", seq: 2, coopId: "B", source: "GIFT_CODE", recipient: "赵", status: "PENDING", courier: null },
      ]);
      const items = (await db.execute(`SELECT p.orderId, p.seq, i.orderLineId, i.quantity FROM ParcelItem i JOIN Parcel p ON p.id = i.parcelId ORDER BY p.orderId, p.seq, i.orderLineId`)).rows.map((r) => ({ ...r }));
      expect(items).toEqual([
        { orderId: "o1", seq: 1, orderLineId: "l1", quantity: 1 },
        { orderId: "o1", seq: 2, orderLineId: "l2", quantity: 1 },
        { orderId: "o2", seq: 1, orderLineId: "l3", quantity: 1 },
        { orderId: "o2", seq: 1, orderLineId: "l4", quantity: 1 },
        { orderId: "o3", seq: 1, orderLineId: "l5", quantity: 2 },
        { orderId: "o3", seq: 2, orderLineId: "l5", quantity: 1 },
      ]);
      const codes = (await db.execute(`SELECT id, orderLineId, parcelId FROM GiftCode ORDER BY id`)).rows.map((r) => ({ ...r }));
      expect(codes).toEqual([
        { id: "g1", orderLineId: "l5", parcelId: "s4" },
        { id: "g2", orderLineId: "l5", parcelId: null },
      ]);
      expect((await db.execute(`SELECT name FROM sqlite_master WHERE name IN ('Shipment', '_ShipmentLine', '_NewParcel')`)).rows).toEqual([]);
      expect((await db.execute(`PRAGMA foreign_key_check`)).rows).toEqual([]);
    } finally {
      db.close();
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });
});
