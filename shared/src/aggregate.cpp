#include "samenleven/aggregate.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <map>

#include "samenleven/results.h"

namespace samenleven {

namespace {
void add(Totals& totals, const Totals& part, bool new_plan) {
    totals.planned += part.planned;
    totals.additional += part.additional;
    totals.reached += part.reached;
    totals.subsidy += part.subsidy;
    if (new_plan) ++totals.plans;
}

// The governments of a plan (`keys`, represented_governments()) that carry its rows: per row
// the split's shares of those governments (keys of other names, such as de Rand's vzw, are not
// represented). A split usually lists the governments in the applicant's order: that place is
// tried first; a cooperation is small.
struct Carriers {
    const std::vector<std::string>* keys = nullptr;
    std::vector<std::pair<std::size_t, const YearCounts*>> shares;  // a row's: (index in keys, planned)

    void row(const ActionRow& row) {
        shares.clear();
        const std::vector<std::string>& k = *keys;
        for (std::size_t s = 0; s < row.split.size(); ++s) {
            const std::string& member = row.split[s].member;
            const bool in_place = s < k.size() && k[s] == member;
            const auto g = in_place ? s : static_cast<std::size_t>(std::find(k.begin(), k.end(), member) - k.begin());
            if (g < k.size()) shares.emplace_back(g, &row.split[s].planned);
        }
    }
    // The governments that carry the row in one project year, as a bit set (bit g of word
    // g / 64 for keys[g]): those its split gives a share above 0, else all (aggregate.h).
    void year(std::size_t yi, std::vector<std::uint64_t>& out) const {
        const std::size_t n = keys->size();
        out.assign((n + 63) / 64, 0);
        bool any = false;
        for (const auto& [g, planned] : shares)
            if ((*planned)[yi] > 0) {
                out[g / 64] |= std::uint64_t{1} << (g % 64);
                any = true;
            }
        if (!any)
            for (std::size_t g = 0; g < n; ++g) out[g / 64] |= std::uint64_t{1} << (g % 64);
    }
};
}  // namespace

std::vector<std::string> represented_governments(const Applicant& applicant) {
    switch (applicant.kind) {
    case ApplicantKind::igs: {
        std::vector<std::string> keys{government_key(applicant.lead)};
        for (const auto& member : applicant.members) keys.push_back(government_key(member));
        return keys;
    }
    case ApplicantKind::de_rand: {  // the vzw is not a local government
        std::vector<std::string> keys;
        for (const auto& member : applicant.members) keys.push_back(government_key(member));
        return keys;
    }
    default: return {government_key(applicant.lead)};  // a municipality, the VGC
    }
}

bool headline_counts(const Headline& headline, int action, const std::string& target_group) {
    return std::any_of(headline.parts.begin(), headline.parts.end(), [&](const Headline::Part& part) {
        return part.action == action && (part.target_group.empty() || part.target_group == target_group);
    });
}

Aggregate aggregate(const std::vector<Plan>& plans, const Catalogue& catalogue, int year) {
    Aggregate result;
    for (const auto& headline : catalogue.headlines) result.headlines.emplace_back(headline, Totals{});

    Carriers carriers;
    std::vector<std::uint64_t> carrying;  // the governments that carry a row in a year (bits)
    std::map<Totals*, std::size_t> counted;  // per total the plan adds to: where its bits are in `marks`
    std::vector<std::uint64_t> marks;     // per total, the governments it represents (bits)
    for (const Plan& plan : plans) {
        // Each plan under its own calls: one of `catalogue`'s call, or of another built-in call
        // (an IGS that started in year 2). Only a call this build does not know is skipped.
        const Catalogue* own = plan.call == catalogue.call ? &catalogue : find_catalogue(plan.call);
        if (own == nullptr) {
            ++result.skipped_plans;
            continue;
        }
        ++result.plan_count;
        const std::vector<std::string> keys = represented_governments(plan.applicant);
        const std::size_t words = (keys.size() + 63) / 64;
        result.governments += static_cast<int>(keys.size());
        carriers.keys = &keys;
        const Budget budget = calculate(plan, *own);
        const std::vector<RowStatus> statuses = result_status(plan, *own);
        const YearCalls calls = governing_calls(*own);
        // Each total counts a plan once, however many rows and years it contributes, and each
        // of its governments once: per total, which of `keys` it represents there.
        counted.clear();
        marks.clear();
        auto add_once = [&](Totals& totals, const Totals& part) {
            const auto [it, first] = counted.try_emplace(&totals, marks.size());
            add(totals, part, first);
            if (first) marks.resize(marks.size() + words, 0);
            for (std::size_t w = 0; w < words; ++w) marks[it->second + w] |= carrying[w];
        };

        for (std::size_t r = 0; r < plan.rows.size(); ++r) {
            const ActionRow& row = plan.rows[r];
            const Action* action = own->find_action(row.action);
            if (action == nullptr) continue;
            carriers.row(row);
            for (int y = 0; y < kYearCount; ++y) {
                const auto yi = static_cast<std::size_t>(y);
                const int start_year = kProjectYears[yi];
                if (calls[yi] == nullptr || (year != 0 && year != start_year)) continue;
                // Only what that year's call subsidises (action 23 from 2023).
                if (const Action* funded = calls[yi]->find_action(row.action); funded == nullptr || !funded->subsidised()) continue;
                Totals part;
                part.planned = statuses[r].years[yi].target;
                part.additional = row.planned[yi] > 0 ? row.planned[yi] : 0;
                part.reached = row.results[yi].final_reach.value_or(0);
                part.subsidy = budget.rows[r].subsidy[yi];
                if (part.planned == 0 && part.additional == 0 && part.reached == 0 && part.subsidy == 0) continue;
                carriers.year(yi, carrying);

                add_once(result.per_action[row.action], part);
                add_once(result.per_group[{row.action, row.target_group}], part);
                add_once(result.per_objective[action->objective], part);
                add_once(result.per_year[start_year], part);
                add_once(result.per_action_year[row.action][start_year], part);
                for (auto& [headline, totals] : result.headlines)
                    if (headline_counts(headline, row.action, row.target_group)) add_once(totals, part);
            }
        }
        for (const auto& [totals, at] : counted)
            for (std::size_t w = 0; w < words; ++w) totals->governments += std::popcount(marks[at + w]);
        if (year == 0) {
            result.flemish_total += budget.flemish_total;
        } else if (const int yi = year_index(year); yi >= 0) {
            result.flemish_total += budget.subsidy_per_year[static_cast<std::size_t>(yi)] +
                                    budget.stimulus_per_year[static_cast<std::size_t>(yi)];
        }
    }
    return result;
}

}  // namespace samenleven
