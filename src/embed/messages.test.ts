import { describe, expect, it } from 'vitest';
import {
  MAX_MESSAGE_CHARS,
  originPolicy,
  parseHostMessage,
  parseHostState,
  parseOrigins,
} from './messages';
import { parseControls } from './controls';
import { escapeAttribute, elementSnippet, embedLink, iframeSnippet } from '../app/share/snippets';

describe('parseHostMessage', () => {
  it('accepts the two host messages', () => {
    expect(parseHostMessage({ type: 'ae:set-state', state: { eps: 0.1 } })).toEqual({
      ok: true,
      value: { type: 'ae:set-state', state: { eps: 0.1 } },
    });
    expect(parseHostMessage({ type: 'ae:get-results', id: 'q1' }).ok).toBe(true);
    expect(parseHostMessage({ type: 'ae:get-results', id: 7 }).ok).toBe(true);
  });

  const rejected: [string, unknown][] = [
    ['a string', '<script>alert(1)</script>'],
    ['null', null],
    ['an array', [{ type: 'ae:set-state' }]],
    ['an unknown type', { type: 'ae:eval', code: 'alert(1)' }],
    ['a number type', { type: 42 }],
    ['state as a string', { type: 'ae:set-state', state: 'eps=0.1' }],
    ['state as an array', { type: 'ae:set-state', state: [0.1] }],
    ['extra keys', { type: 'ae:set-state', state: {}, html: '<b>' }],
    ['an object id', { type: 'ae:get-results', id: { x: 1 } }],
    ['a NaN id', { type: 'ae:get-results', id: Number.NaN }],
    ['a long id', { type: 'ae:get-results', id: 'x'.repeat(65) }],
    ['a huge message', { type: 'ae:set-state', state: { eps: 'x'.repeat(MAX_MESSAGE_CHARS) } }],
    [
      'too many fields',
      {
        type: 'ae:set-state',
        state: Object.fromEntries([...Array(40).keys()].map((k) => [`f${k}`, 1])),
      },
    ],
    ['a class instance', new Date()],
    ['a state with a prototype other than Object', { type: 'ae:set-state', state: new Map() }],
  ];
  for (const [name, data] of rejected) {
    it(`rejects ${name}`, () => expect(parseHostMessage(data).ok).toBe(false));
  }

  it('rejects a cyclic message instead of throwing', () => {
    const state: Record<string, unknown> = {};
    state.self = state;
    expect(parseHostMessage({ type: 'ae:set-state', state }).ok).toBe(false);
  });

  it('passes an own "__proto__" key on to the codec, which drops it (never assigned here)', () => {
    const data: unknown = JSON.parse('{"type":"ae:set-state","state":{"__proto__":{"x":1}}}');
    const parsed = parseHostMessage(data);
    expect(parsed.ok).toBe(true);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('refusal reasons name the real problem', () => {
  const reasonOf = (data: unknown): string => {
    const checked = parseHostMessage(data);
    return checked.ok ? 'accepted' : checked.reason;
  };
  const setState = (state: unknown) => ({ type: 'ae:set-state', state });

  it('a BigInt says BigInt, and where it is', () => {
    const reason = reasonOf(setState({ eps: 10n }));
    expect(reason).toMatch(/BigInt/);
    expect(reason).toContain('state.eps');
    expect(reason).not.toMatch(/characters/);
  });

  it('a cycle says cycle, and where it is', () => {
    const state: Record<string, unknown> = { eps: 0.1 };
    state.self = state;
    const reason = reasonOf(setState(state));
    expect(reason).toMatch(/cycle/);
    expect(reason).toContain('state.self');
    expect(reason).not.toMatch(/characters/);
  });

  it('a shared (not cyclic) object is fine', () => {
    const shared = { a: 1 };
    expect(reasonOf({ type: 'ae:set-state', state: { x: [shared, shared] } })).toBe('accepted');
  });

  it('what cannot be copied between pages says so', () => {
    expect(reasonOf(setState({ eps: () => 0.1 }))).toMatch(/function.*cannot be copied/);
    expect(reasonOf(setState({ eps: Symbol('x') }))).toMatch(/symbol.*cannot be copied/);
  });

  it('objects that are not plain data are named', () => {
    expect(reasonOf(setState({ when: new Date(0) }))).toMatch(/Date.*state\.when/);
    expect(reasonOf(setState({ seen: new Map() }))).toMatch(/Map.*state\.seen/);
    expect(reasonOf(setState({ list: [1, new Set()] }))).toMatch(/Set.*state\.list\[1\]/);
  });

  it('only a message that is too long gets the size reason', () => {
    const reason = reasonOf(setState({ eps: 'x'.repeat(MAX_MESSAGE_CHARS) }));
    expect(reason).toMatch(new RegExp(`${MAX_MESSAGE_CHARS} characters`));
    // a wide but shallow message is measured without building its JSON
    const wide = setState(Object.fromEntries([...Array(5000).keys()].map((k) => [`f${k}`, k])));
    expect(reasonOf(wide)).toMatch(/characters/);
  });

  it("the element's setState is checked the same way", () => {
    expect(parseHostState({ eps: 0.1 })).toEqual({ ok: true, value: { eps: 0.1 } });
    const bigint = parseHostState({ eps: 1n });
    expect(bigint.ok ? '' : bigint.reason).toMatch(/BigInt.*state\.eps/);
    const notObject = parseHostState('eps=0.1');
    expect(notObject.ok ? '' : notObject.reason).toMatch(/plain object/);
  });
});

describe('origins', () => {
  it('keeps plain http(s) origins, drops paths, other schemes and garbage', () => {
    const { origins, warnings } = parseOrigins(
      'https://a.edu, http://localhost:8080/,https://b.org/page,javascript:alert(1),*,null',
    );
    expect(origins).toEqual(['https://a.edu', 'http://localhost:8080']);
    expect(warnings).toHaveLength(4);
    expect(parseOrigins(null).origins).toBeNull();
  });

  it('a restricted embed reads and posts only allowed origins, never "*"', () => {
    const policy = originPolicy(['https://a.edu'], 'https://a.edu');
    expect(policy.accepts('https://a.edu')).toBe(true);
    expect(policy.accepts('https://evil.example')).toBe(false);
    expect(policy.targets()).toEqual(['https://a.edu']);
    // the parent is not allowed: nothing is posted at all
    expect(originPolicy(['https://a.edu'], 'https://evil.example').targets()).toEqual([]);
    // the parent's origin unknown: each allowed origin (the browser delivers to the matching one)
    expect(originPolicy(['https://a.edu', 'https://b.org'], null).targets()).toEqual([
      'https://a.edu',
      'https://b.org',
    ]);
  });

  it('an unrestricted embed talks only to its actual parent origin', () => {
    const policy = originPolicy(null, 'https://course.example');
    expect(policy.accepts('https://course.example')).toBe(true);
    expect(policy.accepts('https://other.example')).toBe(false);
    expect(policy.targets()).toEqual(['https://course.example']);
    const unknown = originPolicy(null, null);
    expect(unknown.targets()).toEqual([]);
    unknown.learn('https://course.example');
    expect(unknown.targets()).toEqual(['https://course.example']);
    unknown.learn('https://other.example'); // learnt once, never replaced
    expect(unknown.targets()).toEqual(['https://course.example']);
    expect(unknown.accepts('https://other.example')).toBe(false);
  });
});

describe('controls', () => {
  it('keeps known controls once, in order, and warns about the rest', () => {
    const { controls, warnings } = parseControls('eps, image,eps,<b>x</b>');
    expect(controls).toEqual(['eps', 'image']);
    expect(warnings).toHaveLength(1);
    expect(parseControls(null).controls).toEqual([]);
  });
});

describe('snippets', () => {
  const base = 'https://explorer.example/app/';
  const state = {
    model: 'mnist-maxout',
    image: 42,
    eps: 0.25,
    view: 'sweep' as const,
    backend: 'wasm' as const,
  };
  it('embed link: embed.html beside the app, the codec query, and the controls', () => {
    expect(embedLink(base, state)).toBe(
      'https://explorer.example/app/embed.html?v=1&model=mnist-maxout&image=42&eps=0.25&view=sweep&backend=wasm&controls=eps',
    );
    // the snippets leave the backend to each reader's machine
    expect(iframeSnippet(base, state)).not.toContain('backend');
    expect(elementSnippet(base, state)).not.toContain('backend');
  });
  it('escapes attribute values, so a snippet can never break out of its attribute', () => {
    expect(escapeAttribute('"><script>')).toBe('&quot;&gt;&lt;script&gt;');
    expect(iframeSnippet(base, state)).toContain('&amp;image=42&amp;eps=0.25');
    expect(elementSnippet(base, state)).toContain(
      '<adversarial-explorer model="mnist-maxout" image="42" eps="0.25" view="sweep" controls="eps">',
    );
    expect(elementSnippet(base, state)).toContain(
      'src="https://explorer.example/app/lib/adversarial-explorer.js"',
    );
  });
});
