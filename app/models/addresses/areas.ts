/** What an address picker lists for the province and city it starts with (see divisions.server.ts). */
export interface AreaOptions {
  provinces: string[];
  cities: string[];
  districts: string[];
}

/** Where the picker asks for the next level's names once the buyer picks a province or city. */
export function areasUrl(province: string, city?: string): string {
  const query = new URLSearchParams({ province });
  if (city) query.set("city", city);
  return `/areas?${query}`;
}
