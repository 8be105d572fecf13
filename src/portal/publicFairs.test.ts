import { describe, expect, it } from 'vitest';
import { fetchPublicFairs, PublicFairsError, upcomingFairs, type PublicFair } from './publicFairs';

function fair(overrides: Partial<PublicFair>): PublicFair {
  return {
    id: crypto.randomUUID(),
    centreId: crypto.randomUUID(),
    centreName: 'Almaty City Career Centre',
    title: 'Spring fair',
    region: 'Almaty',
    city: 'Almaty',
    startsOn: '2031-05-14',
    endsOn: '2031-05-15',
    description: '',
    updatedAt: 1,
    version: 1,
    ...overrides,
  };
}

function fakeFetch(answer: () => Promise<Response>): { fetch: typeof fetch; urls: string[] } {
  const urls: string[] = [];
  return {
    urls,
    fetch: (async (input: string | URL | Request) => {
      urls.push(String(input));
      return answer();
    }) as typeof fetch,
  };
}

describe('fetchPublicFairs', () => {
  it('asks the serving origin for /api/public/fairs and returns validated fairs', async () => {
    const body = { fairs: [fair({ title: 'Almaty Spring Job Fair' })] };
    const fake = fakeFetch(async () => new Response(JSON.stringify(body), { status: 200 }));
    const fairs = await fetchPublicFairs(fake.fetch);
    expect(fake.urls).toEqual(['/api/public/fairs']);
    expect(fairs.map((f) => f.title)).toEqual(['Almaty Spring Job Fair']);
  });

  it('reports network, server and shape failures distinctly', async () => {
    const offline = fakeFetch(async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(fetchPublicFairs(offline.fetch)).rejects.toMatchObject({ reason: 'network' });

    const broken = fakeFetch(async () => new Response('oops', { status: 503 }));
    await expect(fetchPublicFairs(broken.fetch)).rejects.toMatchObject({ reason: 'server' });

    const html = fakeFetch(async () => new Response('<html>', { status: 200 }));
    await expect(fetchPublicFairs(html.fetch)).rejects.toMatchObject({ reason: 'unreadable' });

    const wrongShape = fakeFetch(async () => new Response(JSON.stringify({ fairs: [{ title: 1 }] }), { status: 200 }));
    const error = await fetchPublicFairs(wrongShape.fetch).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PublicFairsError);
    expect(error).toMatchObject({ reason: 'unreadable' });
  });
});

describe('upcomingFairs', () => {
  it('lists live fairs first, then upcoming by date, and drops finished ones', () => {
    const later = fair({ title: 'Later', startsOn: '2031-06-01', endsOn: '2031-06-01' });
    const sooner = fair({ title: 'Sooner', startsOn: '2031-05-20', endsOn: '2031-05-21' });
    const live = fair({ title: 'Live', startsOn: '2031-05-10', endsOn: '2031-05-14' });
    const past = fair({ title: 'Past', startsOn: '2031-05-01', endsOn: '2031-05-02' });
    const listed = upcomingFairs([later, past, sooner, live], '2031-05-14');
    expect(listed.map((l) => [l.fair.title, l.phase])).toEqual([
      ['Live', 'live'],
      ['Sooner', 'soon'],
      ['Later', 'soon'],
    ]);
  });
});
