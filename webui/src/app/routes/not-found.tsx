import { Link, useLocation } from 'react-router';

export function NotFoundRoute() {
  const { pathname } = useLocation();
  return (
    <div className="card">
      <title>Page not found · WaddlePerf</title>
      <h1>Page not found</h1>
      <p>
        There is no page at <code>{pathname}</code>. It may have moved, or the link may be mistyped.
      </p>
      <p>
        <Link to="/">Go to the overview</Link>
      </p>
    </div>
  );
}
