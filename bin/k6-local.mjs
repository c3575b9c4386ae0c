#!/usr/bin/env node
// k6-local: runs the TypeScript CLI of the local runner through tsx's register API (no build step).
import { register } from 'tsx/esm/api';

register();
await import('../src/runner/cli.ts');
