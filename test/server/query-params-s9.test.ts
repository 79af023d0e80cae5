// The known parameters named once (U9 trial, LOW): a route that declares `lang` itself listed it twice
// in its 400 unknown_parameter answer (“lang”、“lang”).

import { describe, expect, it } from 'vitest';
import { render } from '../../dsl/i18n/index.js';
import { unknownParamsError } from '../../server/query-params.js';

describe('unknown_parameter names each known parameter once', () => {
  it('a route that lists `lang` among its own', () => {
    const e = unknownParamsError(['x'], ['lang', 'version']);
    for (const lang of ['zh', 'en'] as const) {
      const words = render(e.msg as Parameters<typeof render>[0], lang);
      expect(words.match(/lang/g)).toHaveLength(1);
      expect(words).toContain('version');
    }
  });
});
