import { System } from '../promql';

/** The node_exporter metrics the packs use, declared on the system that scrapes node_exporter. */
export function nodeExporterMetrics(system: System) {
  return {
    memAvailable: system.gauge({ name: 'node_memory_MemAvailable_bytes', help: 'Memory available for new work, in bytes.' }),
    memTotal: system.gauge({ name: 'node_memory_MemTotal_bytes', help: 'Total memory, in bytes.' }),
    cpuSeconds: system.counter({ name: 'node_cpu_seconds_total', help: 'CPU seconds spent per mode.', labels: ['cpu', 'mode'] }),
    filesystemAvail: system.gauge({
      name: 'node_filesystem_avail_bytes',
      help: 'Filesystem space available to non-root users, in bytes.',
      labels: ['device', 'fstype', 'mountpoint'],
    }),
    filesystemSize: system.gauge({ name: 'node_filesystem_size_bytes', help: 'Filesystem size, in bytes.', labels: ['device', 'fstype', 'mountpoint'] }),
  };
}
