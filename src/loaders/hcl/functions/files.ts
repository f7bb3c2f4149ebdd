// file(): reads a file of the configuration through the context, which decides what may be read.
import { UNKNOWN } from '../../../model/value';
import { toStr } from '../values';
import { fixed, type Family } from './spec';

export const FILE_FUNCTIONS: Family = {
  file: fixed(1, ([path], context) => (context.readFile ? context.readFile(toStr(path!)) : UNKNOWN)),
};
