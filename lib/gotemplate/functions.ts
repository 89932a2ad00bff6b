/** Go's text/template builtins (src/text/template/funcs.go, go1.19). */
export const GO_TEMPLATE_BUILTINS: readonly string[] = ['and', 'call', 'html', 'index', 'slice', 'js', 'len', 'not', 'or', 'print', 'printf', 'println', 'urlquery', 'eq', 'ge', 'gt', 'le', 'lt', 'ne'];

/** Prometheus 2.42's alert template functions (template/template.go, NewTemplateExpander), with the builtins. */
export const PROMETHEUS_TEMPLATE_FUNCTIONS: ReadonlySet<string> = new Set([
  ...GO_TEMPLATE_BUILTINS,
  ...['query', 'first', 'label', 'value', 'strvalue', 'args', 'reReplaceAll', 'safeHtml', 'match', 'title', 'toUpper', 'toLower', 'graphLink', 'tableLink', 'sortByLabel'],
  ...['stripPort', 'stripDomain', 'humanize', 'humanize1024', 'humanizeDuration', 'humanizePercentage', 'humanizeTimestamp', 'toTime', 'pathPrefix', 'externalURL', 'parseDuration'],
]);

/** What Prometheus 2.42 declares before every annotation and templated label (model/rulefmt testTemplateParsing). */
export const PROMETHEUS_ALERT_VARIABLES: readonly string[] = ['$labels', '$externalLabels', '$externalURL', '$value'];

/** Alertmanager 0.25's notification template functions (template/template.go, DefaultFuncs), with the builtins. */
export const ALERTMANAGER_TEMPLATE_FUNCTIONS: ReadonlySet<string> = new Set([
  ...GO_TEMPLATE_BUILTINS,
  ...['toUpper', 'toLower', 'title', 'join', 'match', 'safeHtml', 'reReplaceAll', 'stringSlice'],
]);
