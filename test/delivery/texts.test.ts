import { describe, expect, it } from 'vitest';
import { texts } from '../../dialogs/delivery/texts.js';

describe('delivery texts', () => {
  it('counts the members a message is sent again to', () => {
    const resent = (n: number) => [texts('nb', 'delivery.reply.resent', { n }), texts('nn', 'delivery.reply.resent', { n }), texts('en', 'delivery.reply.resent', { n })];
    expect(resent(0)).toEqual(['Sender på nytt til 0 mottakere.', 'Sender på nytt til 0 mottakarar.', 'Sending it again to 0 recipients.']);
    expect(resent(1)).toEqual(['Sender på nytt til 1 mottaker.', 'Sender på nytt til 1 mottakar.', 'Sending it again to 1 recipient.']);
    expect(resent(2)).toEqual(['Sender på nytt til 2 mottakere.', 'Sender på nytt til 2 mottakarar.', 'Sending it again to 2 recipients.']);
    expect(resent(5)).toEqual(['Sender på nytt til 5 mottakere.', 'Sender på nytt til 5 mottakarar.', 'Sending it again to 5 recipients.']);
  });

  it('shortens a long list of names', () => {
    expect(texts('nb', 'delivery.card.moreNames', { names: 'Anne, Bjørn', n: 5 })).toBe('Anne, Bjørn og 5 til');
    expect(texts('nn', 'delivery.card.moreNames', { names: 'Anne, Bjørn', n: 1 })).toBe('Anne, Bjørn og 1 til');
    expect(texts('en', 'delivery.card.moreNames', { names: 'Anne, Bjørn', n: 2 })).toBe('Anne, Bjørn and 2 more');
  });
});
