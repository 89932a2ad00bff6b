import fc from 'fast-check';

/** Text built from the characters that decide YAML's quoting: indicators, spaces, newlines, quotes, digits, keywords. */
export const trickyText = fc.oneof(
  fc.constantFrom('', 'true', 'False', 'null', '~', 'NULL', '0', '-1', '+2', '0.5', '.5', '1e3', '0x1F', '0o7', '.inf', '.NaN', '5m', '10%', '---', '...', '%x', '- a', '-', '?', 'a: b', 'a:b', 'a #b', 'a#b', 'x:', ' lead', 'trail ', '@at', '`tick`'),
  fc.string({ unit: fc.constantFrom('a', 'Z', '0', '9', ' ', '\n', '\t', ':', '#', '-', '?', '"', "'", '\\', '{', '}', '[', ']', ',', '|', '>', '%', '@', '`', '!', '&', '*', '.', 'é', '\u2028', '\u2029', '\x85', '\x9f', '\uffff', '\x07', '='), maxLength: 24 }),
  fc.string({ maxLength: 20 }),
);
export const yamlKey = fc.oneof(fc.constantFrom('expr', 'for', 'labels', 'job', 'le', 'true', '1', 'a b', 'x:', '- k', '#k', ''), trickyText);
export const yamlLeaf = fc.oneof(trickyText, fc.integer(), fc.double({ noNaN: false }), fc.constant(-0), fc.boolean(), fc.constant(null));
/** Documents of such text, numbers, booleans and nulls, nested (what the YAML emitter and readers are held to). */
export const yamlDocument = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, yamlLeaf, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(yamlKey, fc.oneof(tie('value'), fc.constant(undefined)), { maxKeys: 5 }),
})).object;
