import { InvalidSsmlError, isSsml, parseSsml } from './ssml-parser.js';

function refusal(input: string): string {
  try {
    parseSsml(input);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidSsmlError);
    return (error as Error).message;
  }
  throw new Error(`accepted: ${input}`);
}

function nested(depth: number): string {
  return `<speak>${'<prosody rate="fast">'.repeat(depth - 1)}deep${'</prosody>'.repeat(depth - 1)}</speak>`;
}

describe('isSsml', () => {
  it.each([
    ['<speak>Hi</speak>', true],
    ['  <speak version="1.1">Hi</speak>', true],
    ['<?xml version="1.0"?><speak>Hi</speak>', true],
    ['<!DOCTYPE speak><speak>Hi</speak>', true],
    ['Say <speak> aloud', false],
    ['<speaker>', false],
    ['Plain text.', false],
  ])('%s → %s', (input, expected) => expect(isSsml(input)).toBe(expected));
});

describe('parseSsml', () => {
  it('reads elements, attributes in either quote, text and self-closing tags', () => {
    expect(parseSsml(`<speak>Hi <break time='1s'/><say-as interpret-as="cardinal">42</say-as>.</speak>`)).toEqual({
      name: 'speak',
      attributes: {},
      children: [
        'Hi ',
        { name: 'break', attributes: { time: '1s' }, children: [] },
        { name: 'say-as', attributes: { 'interpret-as': 'cardinal' }, children: ['42'] },
        '.',
      ],
    });
  });

  it('accepts an XML declaration, comments and the speak namespace attributes', () => {
    const root = parseSsml(
      '<?xml version="1.0" encoding="UTF-8"?>\n<!-- intro --><speak version="1.1" xmlns="http://www.w3.org/2001/10/synthesis" xml:lang="en-US">A<!-- x -->B</speak>\n',
    );
    expect(root.children).toEqual(['A', 'B']);
    expect(root.attributes['xml:lang']).toBe('en-US');
  });

  it('resolves the five predefined entities and numeric references', () => {
    expect(parseSsml('<speak>&lt;&amp;&gt;&quot;&apos; &#65;&#x42;</speak>').children).toEqual([`<&>"' AB`]);
    expect(parseSsml('<speak><sub alias="Tom &amp; Jerry">T&amp;J</sub></speak>').children[0]).toMatchObject({
      attributes: { alias: 'Tom & Jerry' },
      children: ['T&J'],
    });
  });

  it('accepts nesting 10 deep and refuses 11', () => {
    expect(() => parseSsml(nested(10))).not.toThrow();
    expect(refusal(nested(11))).toMatch(/nested at most 10 deep/);
  });

  it('refuses a billion-laughs document at its DOCTYPE', () => {
    const lol = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE lolz [',
      ' <!ENTITY lol "lol">',
      ' <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">',
      ' <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">',
      ']>',
      '<speak>&lol3;</speak>',
    ].join('\n');
    expect(refusal(lol)).toMatch(/DOCTYPE declarations are not allowed/);
  });

  it.each([
    ['<speak><!DOCTYPE x>Hi</speak>', /DOCTYPE/],
    ['<speak><!ENTITY x "y">Hi</speak>', /ENTITY declarations/],
    ['<speak>&lol;</speak>', /unknown entity &lol;/],
    ['<speak>&nbsp;</speak>', /unknown entity &nbsp;/],
    ['<speak>Tom & Jerry</speak>', /"&" must be written &amp;/],
    ['<speak>&#0;</speak>', /not a valid character/],
    ['<speak>&#xD800;</speak>', /not a valid character/],
    ['<speak><![CDATA[x]]></speak>', /CDATA/],
    ['<speak><?php x ?></speak>', /processing instructions/],
    ['<speak><emphasis>Hi</emphasis></speak>', /unknown element <emphasis>/],
    ['<speak><audio src="http://x/a.wav"/></speak>', /unknown element <audio>/],
    ['<speak><prosody>Hi</speak>', /<\/speak> does not close <prosody>/],
    ['<speak><prosody>Hi</prosody>', /<speak> is never closed/],
    ['<speak>Hi</speak></prosody>', /nothing may follow/],
    ['<speak>Hi</speak><speak>Again</speak>', /nothing may follow/],
    ['<speak><speak>Hi</speak></speak>', /only be the root/],
    ['<speak><break time="1s" time="2s"/></speak>', /duplicate attribute/],
    ['<speak><break duration="1s"/></speak>', /<break> has no attribute "duration"/],
    ['<speak><break time=1s/></speak>', /must be quoted/],
    ['<speak><sub alias="a<b">x</sub></speak>', /"<" in the value/],
    ['<speak><break time="1s"', /unterminated/],
    ['<p>Hi</p>', /must start with <speak>/],
  ])('refuses %s', (input, reason) => expect(refusal(input)).toMatch(reason));

  it('says where the problem is', () => {
    expect(refusal('<speak>Hi <emphasis>x</emphasis></speak>')).toBe('Invalid SSML at character 10: unknown element <emphasis>');
  });
});
