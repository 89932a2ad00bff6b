import { Dashboard } from '../../lib';
import { poseGeneratorOverview } from './overview';

/** The pose-generator dashboards, in the order their panels claim alerts. */
export const poseGeneratorDashboards: readonly Dashboard[] = [poseGeneratorOverview];
