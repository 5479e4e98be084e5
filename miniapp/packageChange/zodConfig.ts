// Runs before any shared schema parses (imported first by the subpackage's pages): zod must not compile parsers with `new Function` — the H5 page's CSP allows no
// eval (zod would otherwise probe for it and the browser report a violation on every load) and WeChat has no eval either.
import { z } from 'zod';

z.config({ jitless: true });
