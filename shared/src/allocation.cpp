#include "samenleven/allocation.h"

#include <algorithm>
#include <limits>

#include "samenleven/budget.h"
#include "samenleven/error.h"
#include "samenleven/field_path.h"
#include "samenleven/format.h"

namespace samenleven {

using nlohmann::json;

namespace {

// request x left can pass 2^63 for a large set of plans: the shares are computed in 128 bits.
__extension__ typedef __int128 Wide;

// Where a row sits in the result: plans[plan].rows[pos].
struct RowRef {
    std::size_t plan = 0;
    std::size_t pos = 0;
    Cents remainder = 0;  // of its share at the partial level
};

// Rows without a priority form the last level.
int level_of(int priority) { return priority > 0 ? priority : std::numeric_limits<int>::max(); }

Funding funding_of(Cents requested, Cents allocated) {
    if (allocated >= requested) return Funding::full;
    return allocated > 0 ? Funding::partial : Funding::none;
}

std::string_view to_string(Funding funding) {
    switch (funding) {
        case Funding::full: return "full";
        case Funding::partial: return "partial";
        case Funding::none: break;
    }
    return "none";
}

std::string_view funding_text(Funding funding) {
    switch (funding) {
        case Funding::full: return "volledig";
        case Funding::partial: return "gedeeltelijk";
        case Funding::none: break;
    }
    return "niet";
}

json money(Cents cents) { return {{"cents", cents}, {"text", format_euro(cents)}}; }

// The funded share in per mille, rounded down, as Dutch text: "43,2 %".
std::string percent_text(Cents part, Cents whole) {
    const Cents permille = whole > 0 ? static_cast<Cents>(static_cast<Wide>(part) * 1000 / whole) : 1000;
    return std::to_string(permille / 10) + "," + std::to_string(permille % 10) + " %";
}

std::string summary_text(const Allocation& a) {
    if (a.partial_priority == 0) return "Het budget volstaat: elke aanvraag wordt volledig gefinancierd.";
    Cents level_requested = 0, level_allocated = 0;
    for (const auto& plan : a.plans)
        for (const auto& row : plan.rows)
            if (row.priority == (a.partial_priority > 0 ? a.partial_priority : 0)) {
                level_requested += row.requested;
                level_allocated += row.allocated;
            }
    const std::string share = " (" + percent_text(level_allocated, level_requested) + ")";
    const std::string start = "Het budget volstaat niet voor alle aanvragen: ";
    if (a.partial_priority < 0)
        return start + "elke genummerde prioriteit wordt volledig gefinancierd en de rijen zonder prioriteit krijgen elk "
                       "hetzelfde deel van hun aanvraag" + share + ".";
    const std::string level = std::to_string(a.partial_priority);
    const std::string before = a.partial_priority == 2 ? "prioriteit 1 wordt"
                                                       : "prioriteit 1 tot en met " + std::to_string(a.partial_priority - 1) + " worden";
    return start + (a.partial_priority > 1 ? before + " volledig gefinancierd, " : std::string()) + "de rijen met prioriteit " +
           level + " krijgen elk hetzelfde deel van hun aanvraag" + share +
           " en latere prioriteiten en rijen zonder prioriteit krijgen niets.";
}

}  // namespace

Allocation allocate(const std::vector<Plan>& plans, const Catalogue& catalogue, int year, Cents budget) {
    if (budget < 0) throw InputError("allocation.budget", "budget", "Het budget kan niet negatief zijn.");
    const int yi = year_index(year);
    const YearCalls calls = governing_calls(catalogue);  // the plans' years: this call's and the later calls'
    if (yi < 0 || calls[static_cast<std::size_t>(yi)] == nullptr) {
        std::vector<int> governed;
        for (int y = 0; y < kYearCount; ++y)
            if (calls[static_cast<std::size_t>(y)]) governed.push_back(kProjectYears[static_cast<std::size_t>(y)]);
        std::string years;
        for (std::size_t i = 0; i < governed.size(); ++i)
            years += (i == 0 ? "" : i + 1 == governed.size() ? " of " : ", ") + std::to_string(governed[i]);
        throw InputError("allocation.year", "year",
                         "Oproep " + catalogue.call + " financiert projectjaar " + year_label(year) + " niet; kies " + years + ".");
    }
    for (std::size_t p = 0; p < plans.size(); ++p)
        if (plans[p].call != catalogue.call)
            throw InputError("allocation.call", FieldPath::of("plans").at(static_cast<long long>(p)).field("call").str(),
                             "Plan '" + plans[p].id + "' hoort bij oproep " + plans[p].call + ", niet bij oproep " + catalogue.call +
                                 ": een toewijzing verdeelt het budget van één oproep.");

    Allocation out;
    out.year = year;
    out.budget = budget;
    std::vector<RowRef> refs;
    for (std::size_t p = 0; p < plans.size(); ++p) {
        const Plan& plan = plans[p];
        const Budget plan_budget = calculate(plan, catalogue);
        PlanAllocation pa;
        pa.plan_id = plan.id;
        pa.applicant = plan.applicant.lead.name;
        for (std::size_t r : priority_order(plan)) {
            RowAllocation ra;
            ra.row = r;
            ra.action = plan.rows[r].action;
            ra.target_group = plan.rows[r].target_group;
            ra.priority = plan.rows[r].priority > 0 ? plan.rows[r].priority : 0;
            ra.requested = plan_budget.rows[r].subsidy[static_cast<std::size_t>(yi)];
            pa.requested += ra.requested;
            refs.push_back({p, pa.rows.size()});
            pa.rows.push_back(ra);
        }
        out.requested += pa.requested;
        out.plans.push_back(std::move(pa));
    }
    auto at = [&](const RowRef& ref) -> RowAllocation& { return out.plans[ref.plan].rows[ref.pos]; };

    // Levels in order; within a level plans in the order given, then rows in row order
    // (priority_order keeps rows of equal priority in row order).
    std::stable_sort(refs.begin(), refs.end(),
                     [&](const RowRef& a, const RowRef& b) { return level_of(at(a).priority) < level_of(at(b).priority); });

    Cents left = budget;
    bool ran_out = false;
    for (std::size_t begin = 0; begin < refs.size();) {
        const int level = level_of(at(refs[begin]).priority);
        std::size_t end = begin;
        Cents level_total = 0;
        while (end < refs.size() && level_of(at(refs[end]).priority) == level) level_total += at(refs[end++]).requested;

        if (ran_out) {
            // Later levels get nothing.
        } else if (level_total <= left) {
            for (std::size_t i = begin; i < end; ++i) at(refs[i]).allocated = at(refs[i]).requested;
            left -= level_total;
        } else {
            // The same fraction left / level_total of every request, floored; the cents that
            // remain go to the largest remainders, ties in plan and row order.
            ran_out = true;
            out.partial_priority = level == std::numeric_limits<int>::max() ? -1 : level;
            Cents handed_out = 0;
            for (std::size_t i = begin; i < end; ++i) {
                const Wide product = static_cast<Wide>(at(refs[i]).requested) * left;
                at(refs[i]).allocated = static_cast<Cents>(product / level_total);
                refs[i].remainder = static_cast<Cents>(product % level_total);
                handed_out += at(refs[i]).allocated;
            }
            std::vector<RowRef> by_remainder(refs.begin() + static_cast<std::ptrdiff_t>(begin),
                                             refs.begin() + static_cast<std::ptrdiff_t>(end));
            std::stable_sort(by_remainder.begin(), by_remainder.end(),
                             [](const RowRef& a, const RowRef& b) { return a.remainder > b.remainder; });
            for (Cents cent = 0; cent < left - handed_out; ++cent) ++at(by_remainder[static_cast<std::size_t>(cent)]).allocated;
            left = 0;
        }
        begin = end;
    }

    for (auto& plan : out.plans) {
        for (auto& row : plan.rows) {
            row.funding = funding_of(row.requested, row.allocated);
            plan.allocated += row.allocated;
        }
        out.allocated += plan.allocated;
    }
    return out;
}

json allocation_json(const Allocation& a) {
    json plans = json::array();
    for (const auto& plan : a.plans) {
        json rows = json::array();
        for (const auto& row : plan.rows) {
            rows.push_back({{"row", row.row},
                            {"priority", row.priority},
                            {"action", row.action},
                            {"target_group", row.target_group},
                            {"requested", money(row.requested)},
                            {"allocated", money(row.allocated)},
                            {"funding", to_string(row.funding)},
                            {"funding_text", funding_text(row.funding)}});
        }
        const Funding funding = funding_of(plan.requested, plan.allocated);
        plans.push_back({{"plan_id", plan.plan_id},
                         {"applicant", plan.applicant},
                         {"requested", money(plan.requested)},
                         {"allocated", money(plan.allocated)},
                         {"funding", to_string(funding)},
                         {"funding_text", funding_text(funding)},
                         {"rows", std::move(rows)}});
    }
    return {{"year", a.year},
            {"year_label", year_label(a.year)},
            {"budget", money(a.budget)},
            {"requested", money(a.requested)},
            {"allocated", money(a.allocated)},
            {"unallocated", money(a.budget - a.allocated)},
            {"partial_priority", a.partial_priority},
            {"summary", summary_text(a)},
            {"plans", std::move(plans)}};
}

}  // namespace samenleven
