import { beforeAll, describe, expect, it, vi } from 'vitest';
import { type EscoRelations, escoRelations } from '../../test/analysis-oracle.js';
import { realStore } from '../../test/real-store.js';
import { LinkingService } from '../linking/index.js';
import { type AnalysisContext, analyzeJobAdLinks, analyzeSupplyDemand } from './index.js';
import { skillLinkerOf } from './skill-linker.js';

let esco: EscoRelations;
let service: LinkingService;
let context: AnalysisContext;

/** Job ads as vacancies are written: a title line, then what the job asks for. */
const ADS = [
  'Software developer\nYou will design, build and test web applications in Java, write unit tests and work with SQL databases in an agile team.',
  'Nurse\nWe are looking for a nurse to care for patients on our surgical ward, administer medication and keep patient records.',
  'Data analyst\nClean and analyse large data sets, build dashboards, and use statistics and Python to report to management.',
  'Truck driver\nLong-distance transport of goods across Europe with a C+E licence; load and secure cargo and plan routes.',
];
const EXPECTED = ['software developer', 'nurse responsible for general care', 'data analyst', 'cargo vehicle driver'];

const labelOf = (uri: string) => esco.occupations.find((o) => o.conceptUri === uri)?.preferredLabel;

beforeAll(async () => {
  esco = escoRelations();
  // Words only (BM25): the ranking the service falls back to, fast enough for tests over all 13,896 skills.
  service = new LinkingService({ store: await realStore(), embedder: { requested: 'none', used: 'none' } });
  context = { store: await realStore(), linker: skillLinkerOf(service) };
});

describe('job ads as demand on ESCO v1.1.1', () => {
  it('links each ad to its occupation (among the first five) and to the skills its sentences name', async () => {
    const links = await analyzeJobAdLinks(context, { ads: ADS });
    expect(links.map((l) => l.entry)).toEqual([0, 1, 2, 3]);
    links.forEach((link, i) => {
      const ranked = [link.occupation!, ...link.alternatives];
      expect(ranked).toHaveLength(5);
      expect(ranked.map((o) => o.label), ADS[i]).toContain(EXPECTED[i]);
      expect(ranked.every((o) => o.label === labelOf(o.uri))).toBe(true);
      expect(ranked.map((o) => o.score)).toEqual([...ranked.map((o) => o.score)].sort((a, b) => b - a));
      expect(link.skills.length).toBeGreaterThan(0);
      expect(link.skills.every((s) => s.label === esco.skillLabels.get(s.uri) && ADS[i]!.includes(s.text))).toBe(true);
      expect(new Set(link.skills.map((s) => s.uri)).size).toBe(link.skills.length);
    });
    expect(links[0]!.skills.some((s) => s.label.includes('SQL'))).toBe(true);
  });

  it("counts a text entry as its best occupation's essential skills plus the skills it names, each once per ad", async () => {
    const weights = [30, 12, 7, 5];
    const demand = ADS.map((text, i) => ({ text, weight: weights[i], region: i < 2 ? 'Emilia-Romagna' : 'Lombardia' }));
    const result = await analyzeSupplyDemand(context, { supply: [], demand, byRegion: true });
    expect(result.jobAds.map((ad) => ad.entry)).toEqual([0, 1, 2, 3]);

    const expected = new Map<string, number>();
    result.jobAds.forEach((ad, i) => {
      const asked = new Set([...esco.essential.get(ad.occupation!.uri)!, ...ad.skills.map((s) => s.uri)]);
      for (const skill of asked) expected.set(skill, (expected.get(skill) ?? 0) + weights[i]!);
    });
    expect(new Map(result.rows.map((r) => [r.concept.uri, r.demand]))).toEqual(expected);
    expect(result.totalDemand).toBe(54);

    // The corrected form the dashboard sends back: the same links as { occupation, skills } give the same answer.
    const corrected = result.jobAds.map((ad, i) => ({
      occupation: ad.occupation!.uri, skills: ad.skills.map((s) => s.uri), weight: weights[i], region: demand[i]!.region,
    }));
    const again = await analyzeSupplyDemand(context, { supply: [], demand: corrected, byRegion: true });
    expect(again.rows).toEqual(result.rows);
    expect(again.regions).toEqual(result.regions);
    expect(again.jobAds).toEqual([]);
  });

  it('links the texts of 1,000 ads in one batched call of the linking service, and their occupations in another', async () => {
    const linkTexts = vi.spyOn(service, 'linkTexts');
    const occupationsFor = vi.spyOn(service, 'suggestOccupationsFor');
    const ads = Array.from({ length: 1000 }, (_, i) => ({ text: `Ad ${i}: ${ADS[i % ADS.length]}`, weight: 1 }));
    const supply = 'Develop web applications in Java.';
    const result = await analyzeSupplyDemand(context, { supply: [{ text: supply, weight: 40 }], demand: ads });
    expect(linkTexts).toHaveBeenCalledTimes(1);
    const outcomes = [supply, ...ads.map((ad) => ad.text)].reduce((sum, text) => sum + service.splitOutcomes(text).length, 0);
    expect(linkTexts.mock.calls[0]![0]).toHaveLength(outcomes);
    expect(result.jobAds).toHaveLength(1000);
    expect(result.totalDemand).toBe(1000);
    expect(occupationsFor).toHaveBeenCalledTimes(1);
    expect(occupationsFor.mock.calls[0]![0]).toHaveLength(1000);
    linkTexts.mockRestore();
    occupationsFor.mockRestore();
  }, 300_000);

  it('refuses ambiguous entries naming their index, and too many texts', async () => {
    const [occupation] = [...esco.essential.keys()].sort();
    await expect(analyzeSupplyDemand(context, { supply: [], demand: [{ occupation }, { occupation, text: 'Baker' }] }))
      .rejects.toThrow('demand[1]: give exactly one of occupation, text (got occupation, text)');
    await expect(analyzeSupplyDemand(context, { supply: [], demand: [{ weight: 3 }] }))
      .rejects.toThrow('demand[0]: give exactly one of occupation, text (got none)');
    await expect(analyzeSupplyDemand(context, { supply: [], demand: [{ text: 'Baker', skills: [] }] }))
      .rejects.toThrow(/demand\[0\]: skills go with an occupation/);
    await expect(analyzeSupplyDemand(context, { supply: [{ skills: [], text: 'x' }], demand: [] }))
      .rejects.toThrow('supply[0]: give exactly one of qualification, skills, text (got skills, text)');
    await expect(analyzeSupplyDemand(context, { supply: [], demand: [{ text: '   ' }] })).rejects.toThrow('the text of demand[0] is empty');
    await expect(analyzeJobAdLinks(context, { ads: Array.from({ length: 2001 }, () => 'Baker') }))
      .rejects.toThrow('too many entries given as text (job ads and programme texts together): 2001 (at most 2000)');
    await expect(analyzeSupplyDemand(context, { supply: [], demand: [{ occupation, region: 'x'.repeat(201) }] }))
      .rejects.toThrow(/region of demand\[0\]/);
    await expect(analyzeSupplyDemand({ store: await realStore() }, { supply: [], demand: [{ text: 'Baker' }] })).rejects.toThrow(/not available/);
  });
});
