import { Dashboard } from '../lib';
import { canvascastDashboards } from './canvascast';
import { dubbingDashboards } from './dubbing';
import { ikEngineDashboards } from './ik-engine';
import { internetIdDashboards } from './internet-id';
import { monitoringDashboards } from './monitoring';
import { poseGeneratorDashboards } from './pose-generator';

/**
 * Every dashboard, in the order their panels claim alerts: an alert links to
 * the first panel that plots it, so the systems' own dashboards come first.
 */
export const dashboards: readonly Dashboard[] = [
  ...ikEngineDashboards,
  ...canvascastDashboards,
  ...poseGeneratorDashboards,
  ...dubbingDashboards,
  ...internetIdDashboards,
  ...monitoringDashboards,
];
