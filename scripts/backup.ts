// `npm run backup`: a consistent copy of the running store's database into BACKUP_DIR (default
// backups/), named by the UTC time it was taken. Safe while the server runs; see README for cron.
import { BackupError, backupDatabase } from "~/lib/backup.server";
import { databaseConfig } from "~/lib/database-url";

try {
  const result = await backupDatabase({ databaseUrl: databaseConfig().url, dir: process.env.BACKUP_DIR || "backups" });
  console.log(`备份完成 ${result.file}（${(result.bytes / 1024 / 1024).toFixed(1)} MB，订单 ${result.orders} 笔，用户 ${result.users} 个）`);
} catch (error) {
  console.error(error instanceof BackupError ? `备份失败：${error.message}` : error);
  process.exit(1);
}
