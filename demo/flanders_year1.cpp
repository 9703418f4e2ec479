// The first project year (2022-2023) in Flanders as demo data. See flanders_year1.h.
//
// WHAT IS REAL AND WHAT IS NOT
// - Municipality names and NIS codes are real: the Flemish municipalities of 2019-2024.
// - Non-EU-14 resident counts are ILLUSTRATIVE, not official figures: each applicant was given
//   a count above the eligibility threshold (7,500; an IGS and de Rand together, the VGC has no
//   threshold). Every plan's title says "demo, illustratieve cijfers".
// - Which applicant runs which action, and every figure of one applicant, are made up. Only the
//   totals over all plans are published, and only those are reproduced.
// - The VGC and de Rand vzw have no municipal NIS code: the codes of the territory they serve
//   stand in (04000, Brussels-Capital Region; 23000, arrondissement Halle-Vilvoorde).
// - The Dendermonde IGS (Dendermonde, Hamme, Lebbeke, Buggenhout) is left out: the run
//   command's demo database holds its own plan as a draft, and a government belongs to one
//   cooperation at most.
//
// HEADLINES: the catalogue's headline grouping (shared/data/catalogue_2022.json, "headlines"),
// relied on as it is: all target groups of the actions named.
//   action_plans          actions 2, 16, 18, 19          41 reached (43 planned: chosen)
//   bystanders            action 17                      5,601 reached (5,000 planned: chosen)
//   social_mix_families   action 20                      2,665 reached (2,400 planned: chosen)
//   youth_culture_sport   actions 13, 24                 72,897 of 42,370 planned
//   work_guidance         actions 9, 10                  2,769 of 2,810 planned
//   dutch_practice        action 5                       118,178 of 68,429 planned
//   education_support     actions 7, 15                  28,399 of 22,887 planned
//   school_leavers        action 8 (not published)       3,248 of 3,612 planned (chosen; "more
//                                                        than 3,600" were announced)
// Actions 6, 11, 14, 21 and 22 are in no headline; they carry made-up reach and subsidy.
//
// PLANNED AND REACHED as aggregate() counts them: "planned" is a row's confirmed target where
// one is set, else its planned target (current + additional reach); "reached" is its final reach
// (30 September). Here every row's year-1 target is confirmed as planned (confirmed_target =
// current_reach + planned[2022]), so the planned figures are sums of confirmed targets. The plans
// are year-1 requests: no additional reach in 2023 and 2024, whose targets are confirmed at 0 (a
// later year is its own request), so that the totals over all years are year 1's as well.
//
// SUBSIDY: it follows from the planned additional reach through the core's budget (reach x unit
// price, 25,000 per action plan, 10,000 cooperation stimulus for the four IGSs whose lead passes
// the threshold and has a smaller member). The additional reach per target group below was
// chosen so that year 1 comes to EUR 14,136,360: 1 euro above the published 14,136,359, which no
// plan can give because every price and amount is a multiple of EUR 10.
//
// DETERMINISM: integer arithmetic only, and a fixed-seed splitmix64 written here (no library
// random engine or distribution, no floating point, no unordered containers).
#include "flanders_year1.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <iterator>
#include <numeric>
#include <stdexcept>
#include <string>

#include "samenleven/catalogue.h"

namespace samenleven::demo {

namespace {

// [SECTION] Applicants

struct Government {
    const char* nis;
    const char* name;
    Count residents;  // non-EU-14 residents: ILLUSTRATIVE
};

// 92 municipalities that apply on their own: the largest Flemish municipalities by population
// (2020) without the Dendermonde IGS. Resident counts are illustrative.
const Government kMunicipalities[] = {
    {"11002", "Antwerpen", 235000},
    {"44021", "Gent", 78000},
    {"31005", "Brugge", 14200},
    {"24062", "Leuven", 23800},
    {"41002", "Aalst", 18900},
    {"12025", "Mechelen", 27500},
    {"71022", "Hasselt", 12600},
    {"46021", "Sint-Niklaas", 17400},
    {"34022", "Kortrijk", 15600},
    {"35013", "Oostende", 13900},
    {"71016", "Genk", 31200},
    {"36015", "Roeselare", 8900},
    {"46003", "Beveren", 10790},
    {"71004", "Beringen", 13100},
    {"23088", "Vilvoorde", 17800},
    {"13040", "Turnhout", 11200},
    {"44083", "Deinze", 9580},
    {"23016", "Dilbeek", 9610},
    {"12014", "Heist-op-den-Berg", 9470},
    {"46014", "Lokeren", 10300},
    {"13008", "Geel", 8950},
    {"71053", "Sint-Truiden", 9500},
    {"23027", "Halle", 8840},
    {"41048", "Ninove", 9000},
    {"73107", "Maasmechelen", 14600},
    {"34040", "Waregem", 8430},
    {"11008", "Brasschaat", 8400},
    {"23025", "Grimbergen", 8800},
    {"13025", "Mol", 8370},
    {"12021", "Lier", 9340},
    {"44019", "Evergem", 8870},
    {"24107", "Tienen", 8880},
    {"33011", "Ieper", 7770},
    {"23094", "Zaventem", 9810},
    {"23077", "Sint-Pieters-Leeuw", 8810},
    {"11040", "Schoten", 9930},
    {"72020", "Lommel", 9780},
    {"71070", "Heusden-Zolder", 9120},
    {"41018", "Geraardsbergen", 7570},
    {"34027", "Menen", 8500},
    {"23002", "Asse", 9680},
    {"31043", "Knokke-Heist", 9170},
    {"72043", "Pelt", 8690},
    {"73006", "Bilzen", 8840},
    {"45035", "Oudenaarde", 9080},
    {"34041", "Wevelgem", 7860},
    {"73083", "Tongeren", 9050},
    {"72039", "Houthalen-Helchteren", 9470},
    {"46025", "Temse", 8770},
    {"24001", "Aarschot", 8290},
    {"11009", "Brecht", 8590},
    {"44084", "Aalter", 8450},
    {"34013", "Harelbeke", 8090},
    {"36008", "Izegem", 8870},
    {"13011", "Herentals", 9500},
    {"11023", "Kapellen", 8850},
    {"12040", "Willebroek", 8080},
    {"41081", "Zottegem", 7860},
    {"45041", "Ronse", 8710},
    {"44085", "Lievegem", 8830},
    {"11029", "Mortsel", 8120},
    {"12041", "Puurs-Sint-Amands", 7570},
    {"42025", "Wetteren", 8050},
    {"73042", "Lanaken", 7940},
    {"23062", "Overijse", 8500},
    {"23003", "Beersel", 7770},
    {"72021", "Maaseik", 9030},
    {"13049", "Westerlo", 9400},
    {"34042", "Zwevegem", 8030},
    {"44043", "Merelbeke", 8370},
    {"24020", "Diest", 8890},
    {"43010", "Maldegem", 8600},
    {"31022", "Oostkamp", 7900},
    {"72042", "Oudsbergen", 8310},
    {"23096", "Zemst", 7580},
    {"24134", "Scherpenheuvel-Zichem", 8280},
    {"12026", "Nijlen", 7990},
    {"31040", "Zedelgem", 9840},
    {"13003", "Balen", 8400},
    {"24104", "Tervuren", 9470},
    {"44034", "Lochristi", 8330},
    {"11013", "Edegem", 7810},
    {"11055", "Zoersel", 8000},
    {"24038", "Herent", 7600},
    {"38014", "Koksijde", 8190},
    {"13014", "Hoogstraten", 9080},
    {"12007", "Bornem", 8940},
    {"42028", "Zele", 8380},
    {"71066", "Zonhoven", 7970},
    {"43005", "Eeklo", 8900},
    {"11053", "Wuustwezel", 8720},
    {"11024", "Kontich", 8350},
};

struct Cooperation {
    Government lead;
    std::vector<Government> members;
};

// 12 IGSs of neighbouring municipalities (one arrondissement each). The first four have a lead
// above the threshold with smaller members, and so get the cooperation stimulus; the others
// pass the threshold only together. Resident counts are illustrative.
const std::vector<Cooperation>& cooperations() {
    static const std::vector<Cooperation> list{
        {{"11005", "Boom", 7940}, {{"11030", "Niel", 2130}, {"11038", "Schelle", 1460}, {"11018", "Hemiksem", 2290}}},
        {{"41011", "Denderleeuw", 7820}, {{"41024", "Haaltert", 1910}, {"41082", "Erpe-Mere", 1640}}},
        {{"31004", "Blankenberge", 7610}, {{"31012", "Jabbeke", 880}, {"31042", "Zuienkerke", 140}}},
        {{"71034", "Leopoldsburg", 7730}, {{"71069", "Ham", 1020}, {"71057", "Tessenderlo", 1870}}},
        {{"37015", "Tielt", 3420}, {{"37018", "Wingene", 1260}, {"37020", "Ardooie", 1540}, {"37007", "Meulebeke", 1390}}},
        {{"33021", "Poperinge", 5900}, {{"33041", "Vleteren", 610}, {"33039", "Heuvelland", 1080}}},
        {{"35011", "Middelkerke", 2870}, {{"35002", "Bredene", 3140}, {"35005", "Gistel", 1710}}},
        {{"24055", "Kortenberg", 3960}, {{"24009", "Bertem", 1720}, {"24045", "Huldenberg", 1930}}},
        {{"23050", "Meise", 3350}, {{"23045", "Londerzeel", 2240}, {"23052", "Merchtem", 2490}}},
        {{"46020", "Sint-Gillis-Waas", 3880}, {{"46024", "Stekene", 3790}}},
        {{"72041", "Dilsen-Stokkem", 4410}, {{"72018", "Kinrooi", 1280}, {"72004", "Bree", 2170}}},
        {{"13017", "Kasterlee", 1830}, {{"13019", "Lille", 1590}, {"13004", "Beerse", 2660}, {"13046", "Vosselaar", 1490}}},
    };
    return list;
}

// The VGC applies for Brussels (no threshold); de Rand vzw with the six facility municipalities,
// which together pass the threshold. Neither has a municipal NIS code: see the top of the file.
const Government kVgc{"04000", "Vlaamse Gemeenschapscommissie", 480'000};
const Government kDeRand{"23000", "de Rand vzw", 0};
const Government kFacilityMunicipalities[] = {
    {"23098", "Drogenbos", 1150},          {"23099", "Kraainem", 2050}, {"23100", "Linkebeek", 380},
    {"23101", "Sint-Genesius-Rode", 1480}, {"23102", "Wemmel", 2240},   {"23103", "Wezembeek-Oppem", 1620},
};

// No reference region (the first call did not ask it), joined from the first year.
LocalGovernment local(const Government& g) {
    LocalGovernment l;
    l.nis_code = g.nis;
    l.name = g.name;
    l.non_eu14_residents = g.residents;
    return l;
}

// [SECTION] Published totals per target group

// Per target group: how many applicants choose it, and the sums over their rows of the planned
// additional reach (planned[2022]), the planned target (confirmed target = current + additional)
// and the final reach; `missed` rows miss their target by `shortfall` together (each keeps at
// least a quarter of its target), the other rows reach it or more.
struct GroupSpec {
    int action;
    const char* group;
    int rows;
    Count additional;
    Count planned;
    Count reached;
    int missed;
    Count shortfall;
};

const GroupSpec kGroups[] = {
    // dutch_practice: 118,178 reached of 68,429 planned.
    {5, "adult_learners", 106, 36'334, 68'429, 118'178, 6, 300},
    // youth_culture_sport: 72,897 reached of 42,370 planned.
    {13, "foreign_origin", 60, 6'300, 15'200, 26'900, 4, 120},
    {13, "disability", 40, 820, 1'630, 2'410, 2, 12},
    {24, "foreign_origin", 70, 7'600, 23'100, 40'187, 4, 140},
    {24, "disability", 38, 760, 2'440, 3'400, 2, 14},
    // work_guidance: 2,769 reached of 2,810 planned.
    {9, "newcomers", 55, 1'150, 1'480, 1'496, 5, 60},
    {9, "disability", 24, 250, 320, 296, 4, 30},
    {9, "over_55", 26, 330, 420, 401, 3, 25},
    {10, "newcomers", 30, 300, 360, 352, 3, 14},
    {10, "women", 22, 150, 180, 178, 1, 4},
    {10, "disability", 8, 40, 50, 46, 2, 4},
    // education_support: 28,399 reached of 22,887 planned.
    {7, "children", 40, 1'450, 3'120, 3'507, 3, 45},
    {15, "families", 85, 9'400, 19'767, 24'892, 6, 150},
    // bystanders: 5,601 reached; 5,000 planned (chosen: "about 5,000" were announced).
    {17, "professionals", 30, 2'100, 2'380, 2'655, 2, 30},
    {17, "citizens", 28, 2'300, 2'620, 2'946, 2, 24},
    // social_mix_families: 2,665 reached; 2,400 planned (chosen).
    {20, "families", 22, 1'900, 2'400, 2'665, 2, 40},
    // school_leavers (not published): 3,248 reached of 3,612 planned (chosen).
    {8, "persons", 34, 1'300, 3'612, 3'248, 10, 400},
    // In no headline (chosen).
    {11, "persons", 14, 521, 700, 734, 1, 10},
    {14, "young_people", 20, 1'150, 1'600, 1'710, 2, 30},
    {6, "persons", 8, 110, 130, 118, 2, 14},
    {21, "foreign_origin", 6, 48, 55, 51, 1, 4},
    {22, "pleinmakers", 9, 22, 22, 22, 0, 0},
};

// The action plans (flat EUR 25,000 each): who draws one up, and whose was not carried out
// by 30 September 2023. 43 planned, 41 reached. Action 2 (polarisation) is in 16 plans that
// represent 24 local governments (13 municipalities and three IGSs of 4, 4 and 3), as published.
struct FlatSpec {
    int action;
    const char* group;
    std::vector<const char*> applicants;  // lead NIS codes
    std::vector<const char*> missed;
};

const std::vector<FlatSpec>& flat_specs() {
    static const std::vector<FlatSpec> list{
        {2, "action_plan",
         {"11002", "44021", "12025", "23088", "24062", "34022", "71016", "46021", "41002", "71022", "35013", "73107",
          "71004", "11005", "37015", "41011"},
         {}},
        {16, "action_plan",
         {"44021", "11002", "31005", "24062", "12025", "34022", "71022", "35013", "36015", "13040", "12021", "04000"},
         {}},
        {18, "action_plan", {"41002", "71053", "33011", "24107", "13008", "46014", "23027", "44083", "23000"}, {"33011"}},
        {19, "applicant", {"44021", "11002", "24062", "12025", "71016", "23088"}, {"71016"}},
    };
    return list;
}

// [SECTION] Texts (Dutch, for people)

struct ActionText {
    int action;
    const char* activities;
    const char* partners;
};

const ActionText kTexts[] = {
    {2, "Lokaal actieplan tegen polarisatie: sleutelfiguren in de wijken, vorming voor eerstelijnswerkers en een meldpunt",
     "Lokale integrale veiligheidscel, jeugdwerk, scholen, politiezone"},
    {5, "Taalcafés, babbelwandelingen en oefenkansen op de werkvloer en in de bibliotheek",
     "Bibliotheek, Huis van het Nederlands, vrijwilligers van de taalcafés"},
    {6, "Begeleiding van nieuwkomers met een diploma van buiten de EU naar een verkort opleidingstraject",
     "NARIC-Vlaanderen, centrum voor volwassenenonderwijs, VDAB"},
    {7, "Studiekeuzebegeleiding en huiswerkondersteuning voor kwetsbare leerlingen op weg naar hoger onderwijs",
     "Secundaire scholen, CLB, hogeschool"},
    {8, "Trajectbegeleiding van jongeren zonder diploma naar een kwalificerend traject",
     "CLB, VDAB, centrum voor deeltijds onderwijs"},
    {9, "Individuele trajectbegeleiding, jobbeurzen en werkervaring in lokale bedrijven", "VDAB, OCMW, lokale ondernemers"},
    {10, "Startersbegeleiding, coaching en een netwerk van lokale ondernemers", "Ondernemersloket, Unizo, Voka"},
    {11, "Mentoren uit het lokale bedrijfsleven begeleiden jongeren met een migratieachtergrond naar een job",
     "Lokale bedrijven, jeugdwerk, VDAB"},
    {13, "Sportkampen en initiatielessen in de buurt, G-sport en begeleiding naar een club", "Sportdienst, sportclubs, G-sportclubs"},
    {14, "Jongerenwerkers leiden jongeren ver van werk naar een opleiding, stage of job", "Jongerenwerk, VDAB, lokale bedrijven"},
    {15, "Brugfiguren bij de schoolpoort en huisbezoeken bij kwetsbare gezinnen", "Basisscholen, CLB, Huis van het Kind"},
    {16, "Actieplan tegen straatintimidatie: sensibilisering, meldpunt en aanpak op plekken waar het vaak gebeurt",
     "Politiezone, jeugddienst, middenveldorganisaties"},
    {17, "Omstaanderstrainingen voor baliepersoneel, jeugdwerkers, buschauffeurs en inwoners",
     "Vormingsorganisaties, personeelsdienst, verenigingen"},
    {18, "Doorlichting en aanpassing van de publieke gebouwen op toegankelijkheid",
     "Technische dienst, adviesraad voor personen met een beperking"},
    {19, "Correspondentietesten op de lokale woning- en arbeidsmarkt", "Universiteit, woonloket, Unia"},
    {20, "Gezinnen begeleiden bij de schoolkeuze naar een school met een sociale mix",
     "Lokaal overlegplatform onderwijs, basisscholen, Huis van het Kind"},
    {21, "Oriëntering en begeleiding van jongeren naar de lerarenopleiding", "Hogeschool, secundaire scholen"},
    {22, "Pleinmakers brengen bewoners samen op de pleinen van sociale woonwijken", "Sociale huisvestingsmaatschappij, buurtwerk"},
    {24, "Cultuurkampen, ateliers en een vrijetijdspas voor kinderen en jongeren", "Cultuurcentrum, academie, jeugdhuizen"},
};

const ActionText& text_of(int action) {
    for (const auto& text : kTexts)
        if (text.action == action) return text;
    throw std::logic_error("no demo text for action " + std::to_string(action));
}

struct Shortfall {
    const char* reason;
    const char* recovery_plan;
};

const Shortfall kShortfalls[] = {
    {"De werving van deelnemers startte later dan gepland.",
     "Extra werving via scholen en buurtwerk, en een tweede reeks in het voorjaar van 2024."},
    {"Een sleutelmedewerker viel langdurig uit.", "Er is een vervanger aangeworven; de achterstand wordt in 2023-2024 ingehaald."},
    {"De partnerorganisatie kon minder plaatsen aanbieden dan verwacht.",
     "Samenwerking met een tweede partner en extra sessies in de schoolvakanties."},
    {"De activiteiten werden verschoven door een verbouwing van de locatie.",
     "Twee extra reeksen in het volgende projectjaar op een tijdelijke locatie."},
};

const Shortfall kActionPlanShortfall{"Het actieplan is opgemaakt, maar de uitvoering liep vertraging op.",
                                     "De uitvoering wordt in het najaar van 2023 afgerond; de jury volgt ze op."};

const char* const kFirstNames[] = {"Sara", "Tom", "Fatima", "Jeroen", "Lien", "Youssef", "Els", "Koen", "Nadia", "Pieter",
                                   "An", "Mehmet", "Katrien", "Wouter", "Amina", "Bart", "Sofie", "Karim", "Hilde", "Dries"};
const char* const kLastNames[] = {"Janssens", "Peeters", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters",
                                  "De Smet", "Aydin", "Dubois", "Hermans", "El Amrani", "Vermeulen", "Van den Broeck",
                                  "Desmet", "Lambrechts", "Yilmaz", "Verhoeven"};

// [SECTION] Arithmetic

// splitmix64 (Steele, Lea and Flood), fixed seed: the same sequence on every machine.
class Random {
public:
    explicit Random(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    Count between(Count lo, Count hi) { return lo + static_cast<Count>(next() % static_cast<std::uint64_t>(hi - lo + 1)); }

private:
    std::uint64_t state_;
};

Count isqrt(Count n) {
    Count x = 0;
    while ((x + 1) * (x + 1) <= n) ++x;
    return x;
}

constexpr Count kUnbounded = 1'000'000'000;

// Splits `total` into whole parts, part i between lo[i] and hi[i], as nearly in proportion to
// weight[i] (> 0) as the bounds allow: rounds of proportional shares (rounded down, capped),
// and single units by descending weight when every share rounds to 0.
std::vector<Count> distribute(Count total, const std::vector<Count>& weight, const std::vector<Count>& lo,
                              const std::vector<Count>& hi) {
    const std::size_t n = weight.size();
    std::vector<Count> part = lo;
    Count rest = total - std::accumulate(lo.begin(), lo.end(), Count{0});
    Count room = 0;
    for (std::size_t i = 0; i < n; ++i) room += hi[i] - lo[i];
    if (rest < 0 || rest > room)
        throw std::logic_error("demo data: cannot split " + std::to_string(total) + " within the bounds");
    while (rest > 0) {
        Count open_weight = 0;
        for (std::size_t i = 0; i < n; ++i)
            if (part[i] < hi[i]) open_weight += weight[i];
        Count given = 0;
        for (std::size_t i = 0; i < n; ++i) {
            if (part[i] >= hi[i]) continue;
            const Count add = std::min(rest * weight[i] / open_weight, hi[i] - part[i]);
            part[i] += add;
            given += add;
        }
        rest -= given;
        if (given > 0) continue;
        std::vector<std::size_t> order(n);
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return weight[a] > weight[b]; });
        for (std::size_t i : order)
            if (rest > 0 && part[i] < hi[i]) {
                ++part[i];
                --rest;
            }
    }
    return part;
}

// A valid Belgian IBAN: bank code 999, a 7-digit account number, the national check (the first
// ten digits mod 97, 97 for 0) and the IBAN check digits (ISO 13616, mod 97).
std::string demo_iban(int index) {
    const std::uint64_t first10 = 9'990'000'000ULL + static_cast<std::uint64_t>(index) * 7'919ULL;
    std::uint64_t national = first10 % 97;
    if (national == 0) national = 97;
    std::string bban = std::to_string(first10) + (national < 10 ? "0" : "") + std::to_string(national);
    // "BE" moved to the end as digits (B = 11, E = 14) with check digits 00.
    const std::string digits = bban + "111400";
    std::uint64_t remainder = 0;
    for (char c : digits) remainder = (remainder * 10 + static_cast<std::uint64_t>(c - '0')) % 97;
    const std::uint64_t check = 98 - remainder;
    const std::string iban = std::string("BE") + (check < 10 ? "0" : "") + std::to_string(check) + bban;
    std::string spaced;
    for (std::size_t i = 0; i < iban.size(); ++i) {
        if (i > 0 && i % 4 == 0) spaced += ' ';
        spaced += iban[i];
    }
    return spaced;
}

std::string slug(const std::string& name) {
    std::string out;
    for (unsigned char c : name) {
        if (std::isalnum(c)) out += static_cast<char>(std::tolower(c));
        else if (c == ' ' || c == '-') out += '-';
    }
    return out;
}

// [SECTION] Building the plans

struct Entry {
    Plan plan;
    Count weight = 0;  // size for sharing out reach: residents^(3/4), in whole numbers
};

// One row as drafted before it becomes an ActionRow.
struct Draft {
    int action = 0;
    std::string group;
    std::size_t order = 0;  // catalogue order: spec index
    Count additional = 0;
    Count current = 0;
    Count target = 0;
    Count interim = 0;
    Count final_reach = 0;
    const Shortfall* shortfall = nullptr;
};

std::vector<Entry> applicants() {
    std::vector<Entry> entries;
    const std::string suffix = ": Plan Samenleven 2022-2023 (demo, illustratieve cijfers)";
    auto add = [&](ApplicantKind kind, const Government& lead, std::vector<LocalGovernment> members, std::string id,
                   std::string title) {
        Entry e;
        e.plan.id = std::move(id);
        e.plan.title = std::move(title) + suffix;
        e.plan.applicant.kind = kind;
        e.plan.applicant.lead = local(lead);
        e.plan.applicant.members = std::move(members);
        entries.push_back(std::move(e));
    };
    for (const auto& g : kMunicipalities) add(ApplicantKind::municipality, g, {}, std::string("vl1-") + g.nis, g.name);
    for (const auto& igs : cooperations()) {
        std::vector<LocalGovernment> members;
        std::string title = std::string("IGS ") + igs.lead.name;
        // An IGS cooperates inside one reference region; named after the lead (illustrative).
        const std::string region = std::string("Regio ") + igs.lead.name;
        for (const auto& m : igs.members) {
            members.push_back(local(m));
            members.back().reference_region = region;
            title += std::string(" - ") + m.name;
        }
        add(ApplicantKind::igs, igs.lead, std::move(members), std::string("vl1-") + igs.lead.nis, title);
        entries.back().plan.applicant.lead.reference_region = region;
    }
    add(ApplicantKind::vgc, kVgc, {}, "vl1-vgc", "Vlaamse Gemeenschapscommissie (Brussel)");
    std::vector<LocalGovernment> facility;
    for (const auto& m : kFacilityMunicipalities) facility.push_back(local(m));
    add(ApplicantKind::de_rand, kDeRand, std::move(facility), "vl1-de-rand", "de Rand vzw met de faciliteitengemeenten");

    for (std::size_t i = 0; i < entries.size(); ++i) {
        Plan& plan = entries[i].plan;
        Count residents = plan.applicant.lead.non_eu14_residents;
        for (const auto& m : plan.applicant.members) residents += m.non_eu14_residents;
        entries[i].weight = isqrt(residents * isqrt(residents));

        const auto k = static_cast<int>(i);
        const std::string who = plan.applicant.kind == ApplicantKind::vgc       ? "vgc"
                                : plan.applicant.kind == ApplicantKind::de_rand ? "derand"
                                                                                : slug(plan.applicant.lead.name);
        plan.contact.name = std::string(kFirstNames[(k * 7) % 20]) + " " + kLastNames[(k * 13 + 5) % 20];
        plan.contact.phone = "0000 00 " + std::to_string(100 + k);  // not a real number
        plan.contact.email = "samenleven." + who + "@demo.example";
        plan.iban = demo_iban(k);
        // Cooperation is a yes/no on the form.
        if (!plan.applicant.members.empty()) plan.declarations.cooperation.declared = true;
    }
    return entries;
}

// Chooses `count` applicants for a target group: larger ones are likelier, not certain.
std::vector<std::size_t> choose(const std::vector<Entry>& entries, int count, Random& random) {
    std::vector<std::pair<Count, std::size_t>> scored;
    for (std::size_t i = 0; i < entries.size(); ++i) scored.emplace_back(entries[i].weight * random.between(50, 150), i);
    std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<std::size_t> chosen;
    for (int c = 0; c < count; ++c) chosen.push_back(scored[static_cast<std::size_t>(c)].second);
    std::sort(chosen.begin(), chosen.end());
    return chosen;
}

// Shares one target group's totals out over its applicants' rows.
void draft_group(const GroupSpec& spec, std::size_t order, const std::vector<Entry>& entries, const Catalogue& catalogue,
                 Random& random, std::vector<std::vector<Draft>>& drafts) {
    const Action* action = catalogue.find_action(spec.action);
    const TargetGroup* group = action ? action->find_group(spec.group) : nullptr;
    if (group == nullptr) throw std::logic_error("demo data: unknown target group " + std::string(spec.group));
    const std::vector<std::size_t> who = choose(entries, spec.rows, random);
    const std::size_t n = who.size();
    std::vector<Count> weight(n);
    auto reweigh = [&] {
        for (std::size_t r = 0; r < n; ++r) weight[r] = entries[who[r]].weight * random.between(60, 140);
    };

    reweigh();
    const std::vector<Count> additional =
        distribute(spec.additional, weight, std::vector<Count>(n, 1), std::vector<Count>(n, group->max_per_application));
    reweigh();
    const std::vector<Count> current =
        distribute(spec.planned - spec.additional, weight, std::vector<Count>(n, 0), std::vector<Count>(n, kUnbounded));
    std::vector<Count> target(n);
    for (std::size_t r = 0; r < n; ++r) target[r] = additional[r] + current[r];

    // The rows that miss: drawn from those that can take twice an even share of the shortfall
    // while keeping a quarter of their target (the largest rows when too few can).
    auto room = [&](std::size_t r) { return target[r] - (target[r] + 3) / 4; };
    const Count need = spec.missed > 0 ? 2 * spec.shortfall / spec.missed : 0;
    std::vector<std::size_t> candidates;
    for (std::size_t r = 0; r < n; ++r)
        if (room(r) >= need && room(r) > 0) candidates.push_back(r);
    if (candidates.size() < static_cast<std::size_t>(spec.missed)) {
        candidates.resize(n);
        std::iota(candidates.begin(), candidates.end(), std::size_t{0});
        std::stable_sort(candidates.begin(), candidates.end(), [&](std::size_t a, std::size_t b) { return target[a] > target[b]; });
        candidates.resize(static_cast<std::size_t>(spec.missed));
    }
    std::vector<bool> missed(n, false);
    for (int m = 0; m < spec.missed; ++m) {
        const auto pick = static_cast<std::size_t>(random.between(0, static_cast<Count>(candidates.size()) - 1));
        missed[candidates[pick]] = true;
        candidates.erase(candidates.begin() + static_cast<std::ptrdiff_t>(pick));
    }
    std::vector<std::size_t> short_rows, other_rows;
    for (std::size_t r = 0; r < n; ++r) (missed[r] ? short_rows : other_rows).push_back(r);

    std::vector<Count> short_weight, short_lo, short_hi;
    for (std::size_t r : short_rows) {
        short_weight.push_back(target[r]);
        short_lo.push_back(1);
        short_hi.push_back(room(r));
    }
    const std::vector<Count> shortfall = distribute(spec.shortfall, short_weight, short_lo, short_hi);
    reweigh();
    std::vector<Count> surplus_weight;
    for (std::size_t r : other_rows) surplus_weight.push_back(weight[r]);
    const std::vector<Count> surplus = distribute(spec.reached - spec.planned + spec.shortfall, surplus_weight,
                                                  std::vector<Count>(other_rows.size(), 0),
                                                  std::vector<Count>(other_rows.size(), kUnbounded));

    std::vector<Count> final_reach(n);
    for (std::size_t s = 0; s < short_rows.size(); ++s) final_reach[short_rows[s]] = target[short_rows[s]] - shortfall[s];
    for (std::size_t o = 0; o < other_rows.size(); ++o) final_reach[other_rows[o]] = target[other_rows[o]] + surplus[o];

    for (std::size_t r = 0; r < n; ++r) {
        Draft d;
        d.action = spec.action;
        d.group = spec.group;
        d.order = order;
        d.additional = additional[r];
        d.current = current[r];
        d.target = target[r];
        d.final_reach = final_reach[r];
        // Reach on 31 March: 35-60 % of the final reach, at least a quarter of the target.
        const Count quarter = (target[r] + 3) / 4;
        d.interim = std::min(final_reach[r], std::max(quarter, final_reach[r] * random.between(35, 60) / 100));
        if (missed[r]) d.shortfall = &kShortfalls[static_cast<std::size_t>(random.between(0, 3))];
        drafts[who[r]].push_back(std::move(d));
    }
}

}  // namespace

std::vector<Plan> flanders_year1_plans() {
    const Catalogue* catalogue = find_catalogue("2022");
    if (catalogue == nullptr) throw std::logic_error("demo data: call 2022 missing");
    std::vector<Entry> entries = applicants();
    std::vector<std::vector<Draft>> drafts(entries.size());
    Random random(20221001);

    const std::size_t flat_order_base = std::size(kGroups);
    for (std::size_t f = 0; f < flat_specs().size(); ++f) {
        const FlatSpec& spec = flat_specs()[f];
        for (const char* nis : spec.applicants) {
            const auto it = std::find_if(entries.begin(), entries.end(),
                                         [&](const Entry& e) { return e.plan.applicant.lead.nis_code == nis; });
            if (it == entries.end()) throw std::logic_error(std::string("demo data: no applicant ") + nis);
            const bool missed = std::find_if(spec.missed.begin(), spec.missed.end(), [&](const char* m) {
                                    return std::string(m) == nis;
                                }) != spec.missed.end();
            Draft d;
            d.action = spec.action;
            d.group = spec.group;
            d.order = flat_order_base + f;
            d.additional = 1;
            d.target = 1;
            d.final_reach = missed ? 0 : 1;
            d.interim = d.final_reach;
            if (missed) d.shortfall = &kActionPlanShortfall;
            drafts[static_cast<std::size_t>(it - entries.begin())].push_back(std::move(d));
        }
    }
    for (std::size_t g = 0; g < std::size(kGroups); ++g) {
        try {
            draft_group(kGroups[g], g, entries, *catalogue, random, drafts);
        } catch (const std::logic_error& e) {
            throw std::logic_error(std::string(e.what()) + " (action " + std::to_string(kGroups[g].action) + ", " +
                                   kGroups[g].group + ")");
        }
    }

    std::vector<Plan> plans;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        Plan plan = std::move(entries[i].plan);
        std::vector<Draft>& rows = drafts[i];
        std::stable_sort(rows.begin(), rows.end(), [](const Draft& a, const Draft& b) {
            return a.action != b.action ? a.action < b.action : a.order < b.order;
        });
        for (const Draft& d : rows) {
            ActionRow row;
            row.action = d.action;
            row.target_group = d.group;
            row.current_reach = d.current;
            row.planned = {d.additional, 0, 0};
            row.activities = text_of(d.action).activities;
            row.partners = text_of(d.action).partners;
            YearResult& year1 = row.results[0];
            year1.confirmed_target = d.target;
            year1.interim_reach = d.interim;
            year1.final_reach = d.final_reach;
            if (d.shortfall != nullptr) {
                year1.reason = d.shortfall->reason;
                year1.recovery_plan = d.shortfall->recovery_plan;
            }
            row.results[1].confirmed_target = 0;  // a year-1 request: later years are requested anew
            row.results[2].confirmed_target = 0;
            plan.rows.push_back(std::move(row));
        }
        // Priorities: the largest subsidy first (ties: the row order), as a coordinator might.
        std::vector<std::size_t> order(plan.rows.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::vector<Cents> subsidy(plan.rows.size());
        for (std::size_t r = 0; r < plan.rows.size(); ++r) {
            const Action* action = catalogue->find_action(plan.rows[r].action);
            subsidy[r] = action->funding == FundingKind::flat ? action->unit_price : plan.rows[r].planned[0] * action->unit_price;
        }
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return subsidy[a] > subsidy[b]; });
        for (std::size_t p = 0; p < order.size(); ++p) plan.rows[order[p]].priority = static_cast<int>(p + 1);
        plans.push_back(std::move(plan));
    }
    return plans;
}

}  // namespace samenleven::demo
