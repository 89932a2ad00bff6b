/**
 * The faults the demo can inject, per system (a rule pack's name). A fault
 * that bends a metric applies the firing input the promtool test generator
 * plans for the alert named here (`value` sets the compared expression
 * instead); readiness-503 fails a probe's paths; stop-target and
 * stop-exporter make a scrape target stop answering; stop-prometheus stops
 * the real Prometheus, and with it the heartbeat to the dead man's switch.
 */
export type FaultName = 'error-ratio' | 'latency' | 'queue-depth' | 'job-failures' | 'readiness-503' | 'stop-target' | 'stop-exporter' | 'stop-prometheus';

export type FaultAction =
  /** The firing input of this alert. */
  | { readonly alert: string }
  /** The probed paths of this probe job answer 503. */
  | { readonly failProbe: string }
  /** The targets of this scrape job stop answering. */
  | { readonly stopJob: string }
  /** This real server of the local run stops (a clear starts it again). */
  | { readonly stopServer: string };

export const FAULTS: Readonly<Record<string, Partial<Record<FaultName, FaultAction>>>> = {
  'ik-engine': {
    'error-ratio': { alert: 'IkEngineHigh5xx' },
    latency: { alert: 'IkEngineHighLatency' },
    'queue-depth': { alert: 'IkEngineImageBacklog' },
    'readiness-503': { failProbe: 'ik-engine-probe-readiness' },
    'stop-target': { stopJob: 'ik-engine' },
    'stop-exporter': { stopJob: 'ik-engine-postgres' },
  },
  canvascast: {
    'error-ratio': { alert: 'CanvascastHighErrorRate' },
    latency: { alert: 'CanvascastSlowResponses' },
    'queue-depth': { alert: 'CanvascastQueueBacklog' },
    'job-failures': { alert: 'CanvascastHighJobFailureRate' },
    'stop-target': { stopJob: 'canvascast-api' },
  },
  'pose-generator': {
    latency: { alert: 'PoseGeneratorSlowGeneration' },
    'queue-depth': { alert: 'PoseGeneratorQueueBacklog' },
    'job-failures': { alert: 'PoseGeneratorHighFailureRate' },
    'readiness-503': { failProbe: 'pose-generator-probe-health-check' },
    'stop-target': { stopJob: 'pose-generator' },
  },
  dubbing: {
    'error-ratio': { alert: 'DubbingHighErrorRate' },
    latency: { alert: 'DubbingApiHighLatency' },
    'queue-depth': { alert: 'DubbingQueueDepthHigh' },
    'job-failures': { alert: 'DubbingJobFailureRateHigh' },
    'readiness-503': { failProbe: 'dubbing-probe-api' },
    'stop-target': { stopJob: 'dubbing' },
    'stop-exporter': { stopJob: 'dubbing-postgres' },
  },
  'internet-id': {
    'error-ratio': { alert: 'InternetIdHighErrorRate' },
    latency: { alert: 'InternetIdHighResponseTime' },
    'queue-depth': { alert: 'InternetIdHighQueueDepth' },
    'readiness-503': { failProbe: 'internet-id-probe-api-health' },
    'stop-target': { stopJob: 'internet-id-api' },
    'stop-exporter': { stopJob: 'internet-id-postgres' },
  },
  // The stack itself: stopping Prometheus stops the heartbeat, which the dead man's switch notices.
  monitoring: {
    'stop-prometheus': { stopServer: 'Prometheus' },
  },
};

export interface ActiveFault {
  readonly system: string;
  readonly fault: FaultName;
  readonly value?: number;
}

/** The fault's action, or the one message that says what exists. */
export function faultAction(system: string, fault: string): FaultAction {
  const ofSystem = FAULTS[system];
  if (!ofSystem) throw new Error(`no system ${JSON.stringify(system)}; the demo's systems: ${Object.keys(FAULTS).join(', ')}`);
  const action = ofSystem[fault as FaultName];
  if (!action) throw new Error(`${system} has no fault ${JSON.stringify(fault)}; its faults: ${Object.keys(ofSystem).join(', ')}`);
  return action;
}
