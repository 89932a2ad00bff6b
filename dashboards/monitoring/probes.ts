import { Probe, dashboard, probePanel, row } from '../../lib';
import { dubbingProbes } from '../../rules/dubbing';
import { ikEngineProbes } from '../../rules/ik-engine';
import { internetIdProbes } from '../../rules/internet-id';
import { poseGeneratorProbes } from '../../rules/pose-generator';

const probes: readonly Probe[] = [...ikEngineProbes, ...poseGeneratorProbes, ...dubbingProbes, ...internetIdProbes];

/** Every blackbox probe: status, duration and certificate, the panels lib/blackbox derives from each declaration. */
export const monitoringProbes = dashboard({
  uid: 'monitoring-probes',
  title: 'Blackbox probes',
  description: 'Every endpoint the blackbox exporter probes, one row per probe: whether it answers, how fast, and how long its TLS certificate has left. Thresholds are the probe alerts\' own.',
  source: 'dashboards/monitoring/probes.ts',
  systems: probes.map((p) => p.system),
  tags: ['monitoring'],
  folder: 'monitoring',
  rows: probes.map((p) => row(p.props.title, p.panels.map((panel) => probePanel(panel)))),
});
