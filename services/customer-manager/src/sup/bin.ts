import { supMain } from './main.js';

process.exitCode = await supMain(process.argv.slice(2), process.env, (text) => process.stdout.write(text), (text) => process.stderr.write(text));
