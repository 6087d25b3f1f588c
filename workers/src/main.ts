/**
 * @module main
 * Worker process entry: `node dist/main.js logs|usage|all`.
 */
const role = process.argv[2] ?? 'all';
if (!['logs', 'usage', 'all'].includes(role)) {
  process.stderr.write(`unknown worker role "${role}" (want logs, usage or all)\n`);
  process.exit(2);
}
process.stderr.write(`worker role ${role}: not yet wired\n`);
process.exit(1);
