import { RATE_INTERVAL, alertPanel, avg, barGauge, dashboard, div, max, not, notRe, rate, row, share, stat, sub, sum, timeseries } from '../../lib';
import { internetIdNode } from '../../rules/internet-id';
import { criticalMemoryUsage, highCpuUsage, highMemoryUsage } from '../../rules/internet-id/alerts';
import { node, nodeNetworkReceive, nodeNetworkTransmit } from '../../rules/internet-id/metrics';
import { nodeCpuUtilisation, nodeMemoryUtilisation } from '../../rules/internet-id/recording';

/** Real filesystems only: tmpfs, overlay and friends are not where data lives. */
const realFs = { fstype: notRe('tmpfs|overlay|squashfs|nsfs|ramfs') } as const;
const filesystemUsed = sub(1, div(node.filesystemAvail.where(realFs), node.filesystemSize.where(realFs)));
const physicalNic = { device: notRe('lo|veth.*|docker.*|br-.*') } as const;

/** The hosts running the Internet-ID containers (node_exporter): CPU, memory, disk, network. */
export const internetIdHosts = dashboard({
  uid: 'internet-id-hosts',
  title: 'Internet-ID hosts',
  description:
    'The host(s) running the Internet-ID containers, from node_exporter: CPU busy share and modes, memory in use, filesystem space and network traffic. Thresholds are the deployed InternetIdHighCPUUsage and memory alerts\'.',
  source: 'dashboards/internet-id/hosts.ts',
  systems: [internetIdNode],
  tags: ['internet-id'],
  headline: [
    stat({ unit: 'short', min: 0, width: 6, title: 'Hosts scraped', description: 'node_exporter targets whose last scrape succeeded (sum of up): fewer than expected means a host is not watched.', queries: [sum(internetIdNode.up)] }),
    stat({ ...share, width: 6, title: 'Busiest CPU', description: 'CPU busy share (5m) of the busiest host now.', queries: [max(nodeCpuUtilisation.series)] }),
    stat({ ...share, width: 6, title: 'Fullest memory', description: 'Memory in use share of the host using the most, now.', queries: [max(nodeMemoryUtilisation.series)] }),
    stat({ ...share, width: 6, title: 'Fullest filesystem', description: 'Used share of the fullest real filesystem across hosts, now.', queries: [max(filesystemUsed)] }),
  ],
  rows: [
    row('CPU', [
      alertPanel(highCpuUsage, { ...share, width: 12, legend: '{{instance}}', title: 'CPU busy', description: 'Share of CPU time not idle, averaged over each host\'s CPUs, over 5 minutes: above 80 % for 5m is InternetIdHighCPUUsage.' }),
      timeseries({
        ...share,
        width: 12,
        title: 'CPU by mode',
        description: 'Share of CPU time per mode other than idle (user, system, iowait…), averaged over each host\'s CPUs: a high iowait is a disk bottleneck, not compute.',
        queries: [{ expr: avg(rate(node.cpuSeconds.where({ mode: not('idle') }), RATE_INTERVAL), { by: ['instance', 'mode'] }), legend: '{{instance}} {{mode}}' }],
      }),
    ]),
    row('Memory', [
      alertPanel(highMemoryUsage, {
        with: [criticalMemoryUsage],
        ...share,
        width: 12,
        legend: '{{instance}}',
        title: 'Memory in use',
        description: 'Share of memory in use per host, 1 - MemAvailable / MemTotal: above 85 % for 5m is InternetIdHighMemoryUsage, above 95 % for 2m InternetIdCriticalMemoryUsage.',
      }),
      timeseries({
        unit: 'bytes',
        min: 0,
        width: 12,
        title: 'Memory available and total',
        description: 'Memory available for new work and total memory, per host, in bytes.',
        queries: [
          { expr: node.memAvailable, legend: 'available {{instance}}' },
          { expr: node.memTotal, legend: 'total {{instance}}' },
        ],
      }),
    ]),
    row('Disk', [
      barGauge({
        ...share,
        width: 12,
        title: 'Filesystem used now',
        description: 'Used share of each real filesystem (not tmpfs or overlay) per host and mount point, at the last instant.',
        queries: [{ expr: filesystemUsed, legend: '{{instance}} {{mountpoint}}' }],
        thresholds: [
          { value: null, color: 'green' },
          { value: 0.8, color: 'orange' },
          { value: 0.9, color: 'red' },
        ],
      }),
      timeseries({
        unit: 'bytes',
        min: 0,
        width: 12,
        title: 'Filesystem space available',
        description: 'Bytes available to non-root users per host and mount point: a line heading for 0 is a full disk ahead.',
        queries: [{ expr: node.filesystemAvail.where(realFs), legend: '{{instance}} {{mountpoint}}' }],
      }),
    ]),
    row('Network', [
      timeseries({
        unit: 'Bps',
        min: 0,
        width: 12,
        title: 'Network received',
        description: 'Bytes received per second per host and interface (loopback, veth and bridge interfaces left out).',
        queries: [{ expr: sum(rate(nodeNetworkReceive.where(physicalNic), RATE_INTERVAL), { by: ['instance', 'device'] }), legend: '{{instance}} {{device}}' }],
      }),
      timeseries({
        unit: 'Bps',
        min: 0,
        width: 12,
        title: 'Network transmitted',
        description: 'Bytes transmitted per second per host and interface (loopback, veth and bridge interfaces left out).',
        queries: [{ expr: sum(rate(nodeNetworkTransmit.where(physicalNic), RATE_INTERVAL), { by: ['instance', 'device'] }), legend: '{{instance}} {{device}}' }],
      }),
    ]),
  ],
});
