#!/usr/bin/env node
// leadflow runs its TypeScript sources directly through tsx: no build step for the server.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/leadflow.ts');
