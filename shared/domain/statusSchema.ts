// The zod schemas of a change's status and events, for the contracts that parse them (the values live in status.ts).
import { z } from 'zod';
import { CHANGE_EVENTS, CHANGE_STATUSES } from './status';

export const changeStatus = z.enum(CHANGE_STATUSES);
export const changeEvent = z.enum(CHANGE_EVENTS);
