import { Dashboard } from '../../lib';
import { monitoringOverview } from './overview';
import { monitoringProbes } from './probes';

export const monitoringDashboards: readonly Dashboard[] = [monitoringOverview, monitoringProbes];
