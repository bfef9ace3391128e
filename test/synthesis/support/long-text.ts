const SENTENCES = [
  'The lighthouse keeper climbed the stairs every evening before the sun went down.',
  'Nobody in the village remembered when the lamp had last failed.',
  'On stormy nights the beam swept across the water like a slow and patient hand.',
  'Fishing boats followed it home through rain, fog and the occasional hail.',
  'In the morning he wrote a short note in the logbook and made a pot of tea.',
  'Visitors sometimes asked whether he felt lonely so far from the town.',
  'He would smile and point at the gulls, the seals and the endless grey horizon.',
  'There was always something to repair, to paint, or simply to watch.',
  'One winter a young engineer arrived to install an automatic lamp.',
  'They spent three weeks together, talking about tides, engines and old songs.',
  'When the work was done, the engineer asked him what he would do next.',
  'He said he would keep climbing the stairs, just to be sure the light was on.',
];

/** Plain English prose of about `characters` characters (whole sentences), the same for the same length. */
export function longText(characters: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < characters; i++) {
    const sentence = SENTENCES[i % SENTENCES.length]!;
    parts.push(sentence);
    length += sentence.length + 1;
  }
  return parts.join(' ');
}
