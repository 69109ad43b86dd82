import type { Monitor, MonitorInput, MonitorSchedule, VantagePoint } from '../api/monitors';

/** Tier 1's probes, in the API's order (docs/autoperf.md). */
export const TIER1_PROBES = [
  { value: 'tcp_connect', label: 'TCP connect' },
  { value: 'dns', label: 'DNS' },
  { value: 'http', label: 'HTTP' },
  { value: 'udp_echo', label: 'UDP echo' },
] as const;

export const DAYS = [
  { value: 'MONDAY', label: 'Monday', short: 'Mon' },
  { value: 'TUESDAY', label: 'Tuesday', short: 'Tue' },
  { value: 'WEDNESDAY', label: 'Wednesday', short: 'Wed' },
  { value: 'THURSDAY', label: 'Thursday', short: 'Thu' },
  { value: 'FRIDAY', label: 'Friday', short: 'Fri' },
  { value: 'SATURDAY', label: 'Saturday', short: 'Sat' },
  { value: 'SUNDAY', label: 'Sunday', short: 'Sun' },
] as const;

export const MIN_INTERVAL_SECONDS = 30;
export const MAX_INTERVAL_SECONDS = 86_400;
export const MAX_VANTAGE_POINTS = 20;

export type VantageKind = 'nodeId' | 'region' | 'label';

export interface VantageInput {
  kind: VantageKind;
  value: string;
}

export interface MonitorInputs {
  name: string;
  target: string;
  probes: string[];
  vantage: VantageInput[];
  scheduleMode: 'interval' | 'cron';
  intervalSeconds: string;
  cron: string;
  cronTimeZone: string;
  windowOn: boolean;
  windowDays: string[];
  windowFrom: string;
  windowTo: string;
  windowTimeZone: string;
  udpEchoPort: string;
  iperfPort: string;
  enabled: boolean;
}

function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function vantageInput(point: VantagePoint): VantageInput {
  if (point.nodeId) {
    return { kind: 'nodeId', value: point.nodeId };
  }
  return point.region ? { kind: 'region', value: point.region } : { kind: 'label', value: point.label ?? '' };
}

/** The form's fields for a stored monitor, or a new monitor's defaults (the API's defaults). */
export function toInputs(monitor: Monitor | undefined, firstNodeId: string): MonitorInputs {
  const cron = monitor?.schedule.cron;
  return {
    name: monitor?.name ?? '',
    target: monitor?.target ?? '',
    probes: monitor ? [...monitor.probes] : TIER1_PROBES.map((p) => p.value),
    vantage: monitor ? monitor.vantage.map(vantageInput) : [{ kind: 'nodeId', value: firstNodeId }],
    scheduleMode: cron ? 'cron' : 'interval',
    intervalSeconds: String(monitor?.schedule.intervalSeconds ?? 300),
    cron: cron ?? '',
    cronTimeZone: cron ? monitor.schedule.timeZone : 'UTC',
    windowOn: Boolean(monitor?.activeWindow),
    windowDays: monitor?.activeWindow ? [...monitor.activeWindow.days] : DAYS.slice(0, 5).map((d) => d.value),
    windowFrom: monitor?.activeWindow?.from ?? '08:00',
    windowTo: monitor?.activeWindow?.to ?? '18:00',
    windowTimeZone: monitor?.activeWindow?.timeZone ?? browserZone(),
    udpEchoPort: monitor?.udpEchoPort != null ? String(monitor.udpEchoPort) : '',
    iperfPort: monitor?.iperfPort != null ? String(monitor.iperfPort) : '',
    enabled: monitor?.enabled ?? true,
  };
}

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * The request for the form's fields, or the fields that keep it from being one: the rules of
 * docs/autoperf.md that need no server (a node's existence, a cron expression's meaning and a
 * zone's name the API judges). Error keys are the form's field names.
 */
export function checkMonitor(inputs: MonitorInputs): { request?: MonitorInput; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const name = inputs.name.trim();
  if (name === '') {
    errors.name = 'must not be blank';
  } else if (name.length > 200) {
    errors.name = 'must be at most 200 characters';
  }
  const target = inputs.target.trim();
  if (target === '') {
    errors.target = 'is required';
  }
  // Tier 1's order, as the API stores them.
  const probes = TIER1_PROBES.map((p) => p.value).filter((p) => inputs.probes.includes(p));
  if (probes.length === 0) {
    errors.probes = 'choose at least one probe';
  }
  if (inputs.vantage.length === 0) {
    errors.vantage = 'add at least one vantage point';
  } else if (inputs.vantage.length > MAX_VANTAGE_POINTS) {
    errors.vantage = `may name at most ${MAX_VANTAGE_POINTS} vantage points`;
  }
  inputs.vantage.forEach((point, index) => {
    if (point.value.trim() === '') {
      errors[`vantage.${index}`] = point.kind === 'nodeId' ? 'choose a node' : `must name a ${point.kind}`;
    }
  });
  let schedule: MonitorInput['schedule'];
  if (inputs.scheduleMode === 'interval') {
    const text = inputs.intervalSeconds.trim();
    const seconds = Number(text);
    if (!/^\d+$/.test(text) || seconds < MIN_INTERVAL_SECONDS || seconds > MAX_INTERVAL_SECONDS) {
      errors.intervalSeconds = 'must be 30-86400 seconds (30 s to 24 h)';
    }
    schedule = { intervalSeconds: seconds };
  } else {
    const cron = inputs.cron.trim().replace(/\s+/g, ' ');
    const fields = cron === '' ? 0 : cron.split(' ').length;
    if (fields !== 5 && fields !== 6) {
      errors.cron = 'must have 5 fields (minute hour day month weekday) or 6 (seconds first)';
    }
    schedule = { cron, timeZone: inputs.cronTimeZone.trim() || 'UTC' };
  }
  let activeWindow: MonitorInput['activeWindow'];
  if (inputs.windowOn) {
    if (inputs.windowDays.length === 0) {
      errors.windowDays = 'choose at least one day';
    }
    for (const field of ['windowFrom', 'windowTo'] as const) {
      if (!HH_MM.test(inputs[field].trim())) {
        errors[field] = 'must be a time HH:mm (00:00-23:59)';
      }
    }
    if (!errors.windowFrom && !errors.windowTo && inputs.windowFrom.trim() === inputs.windowTo.trim()) {
      errors.windowTo = 'must differ from the start';
    }
    activeWindow = {
      days: DAYS.map((d) => d.value).filter((d) => inputs.windowDays.includes(d)),
      from: inputs.windowFrom.trim(),
      to: inputs.windowTo.trim(),
      timeZone: inputs.windowTimeZone.trim() || 'UTC',
    };
  }
  const ports: { udpEchoPort?: number; iperfPort?: number } = {};
  for (const field of ['udpEchoPort', 'iperfPort'] as const) {
    const text = inputs[field].trim();
    const port = Number(text);
    if (text !== '' && (!/^\d+$/.test(text) || port < 1 || port > 65535)) {
      errors[field] = 'must be a port from 1 to 65535';
    } else if (text !== '') {
      ports[field] = port;
    }
  }
  if (Object.keys(errors).length > 0) {
    return { errors };
  }
  return {
    errors,
    request: {
      name,
      target,
      probes,
      vantage: inputs.vantage.map((point) => ({ [point.kind]: point.value.trim() }) as MonitorInput['vantage'][number]),
      schedule,
      ...(activeWindow ? { activeWindow } : {}),
      ...ports,
      enabled: inputs.enabled,
    },
  };
}

/** A stored monitor as a request, with `enabled` changed: what pause and resume send. */
export function withEnabled(monitor: Monitor, enabled: boolean): MonitorInput {
  const { intervalSeconds, cron, timeZone } = monitor.schedule;
  return {
    name: monitor.name,
    target: monitor.target,
    probes: [...monitor.probes],
    vantage: monitor.vantage.map((point) => {
      const { kind, value } = vantageInput(point);
      return { [kind]: value } as MonitorInput['vantage'][number];
    }),
    schedule: cron ? { cron, timeZone } : { intervalSeconds: intervalSeconds ?? 300 },
    ...(monitor.activeWindow ? { activeWindow: monitor.activeWindow } : {}),
    ...(monitor.udpEchoPort != null ? { udpEchoPort: monitor.udpEchoPort } : {}),
    ...kept(monitor),
    enabled,
  };
}

/**
 * What a replace keeps that the form does not show: the escalation cooldowns (set through the
 * API), so saving the form or pausing does not reset them to the defaults.
 */
export function kept(monitor: Monitor): Pick<MonitorInput, 'escalation' | 'iperfPort'> {
  return {
    escalation: monitor.escalation,
    ...(monitor.iperfPort != null ? { iperfPort: monitor.iperfPort } : {}),
  };
}

/**
 * The API's field paths ("vantage[0].nodeId", "schedule.intervalSeconds", "activeWindow.days[2]")
 * onto the form's fields; undefined for a path no field shows, which stays in the form's alert.
 */
export function monitorFieldOf(scheduleMode: MonitorInputs['scheduleMode']) {
  return (path: string): string | undefined => {
    if (['name', 'target', 'udpEchoPort', 'iperfPort'].includes(path)) {
      return path;
    }
    if (path === 'probes' || path.startsWith('probes[')) {
      return 'probes';
    }
    const point = /^vantage\[(\d+)\]/.exec(path);
    if (point) {
      return `vantage.${point[1]}`;
    }
    if (path === 'vantage') {
      return 'vantage';
    }
    if (path === 'schedule.intervalSeconds') {
      return 'intervalSeconds';
    }
    if (path === 'schedule.cron') {
      return 'cron';
    }
    if (path === 'schedule.timeZone') {
      return 'cronTimeZone';
    }
    if (path === 'schedule') {
      return scheduleMode === 'cron' ? 'cron' : 'intervalSeconds';
    }
    if (path === 'activeWindow' || path.startsWith('activeWindow.days')) {
      return 'windowDays';
    }
    const windowField = /^activeWindow\.(from|to|timeZone)$/.exec(path);
    if (windowField) {
      return { from: 'windowFrom', to: 'windowTo', timeZone: 'windowTimeZone' }[windowField[1] as 'from' | 'to' | 'timeZone'];
    }
    return undefined;
  };
}

/** "every 5 min", "every 90 s", "every 2 h", or "cron 0 8 * * 1-5 (Europe/Berlin)". */
export function describeSchedule(schedule: MonitorSchedule): string {
  if (schedule.cron) {
    return `cron ${schedule.cron} (${schedule.timeZone})`;
  }
  const seconds = schedule.intervalSeconds ?? 300;
  if (seconds % 3600 === 0) {
    return `every ${seconds / 3600} h`;
  }
  if (seconds % 60 === 0) {
    return `every ${seconds / 60} min`;
  }
  return `every ${seconds} s`;
}

/** "Mon, Tue, Wed 08:00–18:00 (Europe/Berlin)". */
export function describeWindow(window: NonNullable<Monitor['activeWindow']>): string {
  const days = DAYS.filter((d) => window.days.includes(d.value)).map((d) => d.short);
  return `${days.join(', ')} ${window.from}–${window.to} (${window.timeZone})`;
}

export function describeVantage(point: VantagePoint, nodeNames: ReadonlyMap<string, string>): string {
  if (point.nodeId) {
    return nodeNames.get(point.nodeId) ?? 'a removed node';
  }
  return point.region ? `region ${point.region}` : `label ${point.label ?? ''}`;
}

export function probeLabel(probe: string): string {
  return TIER1_PROBES.find((p) => p.value === probe)?.label ?? probe;
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "in 4 minutes", "2 hours ago": how far `iso` is from `now`. */
export function relativeTime(iso: string, now: Date = new Date()): string {
  const seconds = Math.round((new Date(iso).getTime() - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) {
    return relative.format(seconds, 'second');
  }
  if (abs < 3600) {
    return relative.format(Math.round(seconds / 60), 'minute');
  }
  if (abs < 86_400) {
    return relative.format(Math.round(seconds / 3600), 'hour');
  }
  return relative.format(Math.round(seconds / 86_400), 'day');
}
