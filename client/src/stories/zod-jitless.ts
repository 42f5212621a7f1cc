import { config } from 'zod';

// Without jitless, zod probes for eval with a `new Function` it catches, when it builds an object
// schema; the page's CSP refuses it all the same and reports a securitypolicyviolation. This module
// is imported before the contract, so the setting is in place when the contract's schemas are built.
config({ jitless: true });
