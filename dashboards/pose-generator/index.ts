import { Dashboard } from '../../lib';

/** The pose-generator dashboards, in the order their panels claim alerts. */
export const poseGeneratorDashboards: readonly Dashboard[] = [];
