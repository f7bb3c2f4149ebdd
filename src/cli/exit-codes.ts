// Exit codes: 0 no failing finding, 1 failing findings, 2 the run could not judge (bad input, usage).
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;
