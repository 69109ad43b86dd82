import { isRouteErrorResponse, Link, useRouteError } from 'react-router';

export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : 'An unexpected error occurred.';
  return (
    <div role="alert" className="card">
      <title>Error · WaddlePerf</title>
      <h1>Something went wrong</h1>
      <p>{message}</p>
      <p>
        <Link to="/">Go to the overview</Link> or reload the page to try again.
      </p>
    </div>
  );
}
