import { Dashboard } from '../../lib';
import { internetIdApiDashboard } from './api';
import { internetIdDatabase } from './database';
import { internetIdHosts } from './hosts';
import { internetIdOverview } from './overview';

/** The internet-id dashboards, in the order their panels claim alerts. */
export const internetIdDashboards: readonly Dashboard[] = [internetIdOverview, internetIdApiDashboard, internetIdDatabase, internetIdHosts];
