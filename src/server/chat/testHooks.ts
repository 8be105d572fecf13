/**
 * Test-only fault injection for the "server dies between storing a message and acking it" test:
 * with NODE_ENV=test and FAIRDESK_TEST_CHAT_EXIT_AFTER_PERSIST=<marker>, storing a NEW message
 * whose body contains the marker ends the process (exit code 75) after the commit and before the
 * ack. A repeated send of the stored message does not, so the restarted server can ack it.
 * Outside NODE_ENV=test the variable is ignored.
 */
export const EXIT_AFTER_PERSIST_CODE = 75;

export function exitAfterPersistHook(
  env: NodeJS.ProcessEnv = process.env,
  exit: (code: number) => never = (code) => process.exit(code),
): (body: string) => void {
  const marker = env['NODE_ENV'] === 'test' ? env['FAIRDESK_TEST_CHAT_EXIT_AFTER_PERSIST'] : undefined;
  if (!marker) return () => undefined;
  return (body) => {
    if (body.includes(marker)) exit(EXIT_AFTER_PERSIST_CODE);
  };
}
