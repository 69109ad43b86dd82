/**
 * The shell command that starts a node with an enrolment token. The API cannot know the URL
 * its users reach it at (proxies, TLS termination), but the browser does: the origin it loaded
 * the UI from is the API's.
 */
export function enrolCommand(apiOrigin: string, token: string): string {
  return `WADDLEPERF_API_URL=${apiOrigin} WADDLEPERF_ENROLLMENT_TOKEN=${token} java -jar waddleperf-testserver.jar`;
}
