import { useBuildInfo } from '../api/get-info';

export function AppVersion() {
  const info = useBuildInfo();
  if (info.isPending) {
    return <span aria-busy="true">Version …</span>;
  }
  const version = info.data?.version;
  return <span>{version ? `Version ${version}` : 'Version unavailable'}</span>;
}
