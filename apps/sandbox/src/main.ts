#!/usr/bin/env node
import { runCli } from './cli/cli';

// Exit through exitCode so that pending log writes and server closes finish first.
void runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
