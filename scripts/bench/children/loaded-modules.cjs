// Preloaded with -r: at exit, writes the node built-ins the process loaded (one per line) to BENCH_MODULES_FILE,
// so the bench can show that `--help` never loads the HTTP stack.
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  const file = process.env.BENCH_MODULES_FILE;
  if (!file) return;
  const builtins = process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice('NativeModule '.length));
  writeFileSync(file, `${builtins.join('\n')}\n`);
});
