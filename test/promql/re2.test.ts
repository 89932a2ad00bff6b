import { re2, re2Problem } from '../../lib';

describe('RE2 patterns checked with JavaScript', () => {
  test.each([
    ['(?i)5xx', '5XX', true],
    ['(?i)5xx', '5xy', false],
    ['(?s)a.b', 'a\nb', true],
    ['(?P<code>5..)', '503', true],
    ['5..', '5033', false],
  ])('%s anchored against %j: %s', (pattern, value, matches) => {
    expect(re2(pattern, true).test(value)).toBe(matches);
  });

  test.each([
    ['(?i)unhealthy', undefined],
    ['ok|degraded', undefined],
    ['5(?!03)..', '"5(?!03).." uses lookaround or a backreference, which Go\'s RE2 does not support'],
    ['(a)\\1', '"(a)\\\\1" uses lookaround or a backreference, which Go\'s RE2 does not support'],
    ['(?U)a+', '"(?U)a+" is not a regular expression this project can check (the ungreedy flag U has no JavaScript equivalent)'],
    ['5[0-', expect.stringMatching(/^"5\[0-" is not a regular expression this project can check \(Invalid regular expression/)],
  ])('%s: %s', (pattern, problem) => {
    expect(re2Problem(pattern)).toEqual(problem);
  });
});
