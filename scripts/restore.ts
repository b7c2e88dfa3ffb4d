// `npm run restore <file>`: puts a backup back as the database DATABASE_URL names. Stop the server
// first; the database it replaces is kept beside it. Then start the server and run `npm run reconcile`.
import { BackupError, restoreDatabase } from "~/lib/backup.server";
import { databaseConfig } from "~/lib/database-url";

const file = process.argv[2];
if (!file) {
  console.error("用法：npm run restore <备份文件>（请先停止服务）");
  process.exit(2);
}
try {
  const result = await restoreDatabase({ backupFile: file, databaseUrl: databaseConfig().url });
  console.log(`已恢复 ${result.file}（订单 ${result.orders} 笔）${result.keptAs ? `；原数据库保留为 ${result.keptAs}` : ""}`);
} catch (error) {
  console.error(error instanceof BackupError ? `恢复失败：${error.message}` : error);
  process.exit(1);
}
