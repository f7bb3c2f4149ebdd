/** Names the temporary folder of one test run (made by the global setup, removed by the global teardown). */
export const RUN_FOLDER_VARIABLE = 'OKTA_PUSH_GUARD_TEST_RUN_FOLDER';
