#include "totals.h"

#include <cstdint>
#include <limits>

#include "database.h"
#include "tokens.h"

namespace samenleven::server {

namespace {

// The encoding, every number a varint (signed ones zigzagged). A header: format (kFormat),
// call, applicant kind, lead (nis, name), member count, members (nis, name).
// A slice: plan_count, skipped_plans, flemish_total, governments; per_action; per_group;
// per_objective; per_year; per_action_year; the headlines with a figure (by catalogue index).
// Each map is its size followed by its entries (key, totals); totals are planned, additional,
// reached, subsidy, plans, governments.
// Format 1 had no governments (in slices or totals). Header and slices of a plan are written
// together, so the header's format is the slices' too: totals of another format are never read
// (current_format()); the store computes them again (totals_fingerprint() names the format).
constexpr std::uint64_t kFormat = 2;

class Writer {
public:
    Writer() { out_.reserve(1024); }
    void count(std::uint64_t v) {
        char bytes[10];
        std::size_t n = 0;
        while (v >= 0x80) {
            bytes[n++] = static_cast<char>((v & 0x7F) | 0x80);
            v >>= 7;
        }
        bytes[n++] = static_cast<char>(v);
        out_.append(bytes, n);
    }
    void number(std::int64_t v) {
        const auto u = static_cast<std::uint64_t>(v);
        count((u << 1) ^ (v < 0 ? ~std::uint64_t(0) : 0));
    }
    void text(std::string_view s) {
        count(s.size());
        out_.append(s);
    }
    void totals(const Totals& t) {
        number(t.planned);
        number(t.additional);
        number(t.reached);
        number(t.subsidy);
        count(static_cast<std::uint64_t>(t.plans));
        count(static_cast<std::uint64_t>(t.governments));
    }
    std::string& out() { return out_; }
    void clear() { out_.clear(); }

private:
    std::string out_;
};

[[noreturn]] void damaged() { throw DatabaseError("stored totals are damaged"); }

class Reader {
public:
    explicit Reader(std::string_view in) : in_(in) {}
    std::uint64_t count() {
        std::uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos_ >= in_.size()) damaged();
            const auto byte = static_cast<unsigned char>(in_[pos_++]);
            v |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
            if ((byte & 0x80) == 0) return v;
        }
        damaged();
    }
    std::int64_t number() {
        const std::uint64_t u = count();
        return static_cast<std::int64_t>((u >> 1) ^ (~(u & 1) + 1));
    }
    int integer() {
        const std::int64_t v = number();
        if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max()) damaged();
        return static_cast<int>(v);
    }
    int small() {
        const std::uint64_t v = count();
        if (v > static_cast<std::uint64_t>(std::numeric_limits<int>::max())) damaged();
        return static_cast<int>(v);
    }
    std::size_t size() {
        const std::uint64_t n = count();
        if (n > in_.size() - pos_) damaged();  // every entry takes at least a byte
        return static_cast<std::size_t>(n);
    }
    std::string_view bytes(std::size_t n) {
        if (n > in_.size() - pos_) damaged();
        const std::string_view out = in_.substr(pos_, n);
        pos_ += n;
        return out;
    }
    std::string_view text() { return bytes(size()); }
    Totals totals() {
        Totals t;
        t.planned = number();
        t.additional = number();
        t.reached = number();
        t.subsidy = number();
        t.plans = small();
        t.governments = small();
        return t;
    }
    bool done() const { return pos_ == in_.size(); }

private:
    std::string_view in_;
    std::size_t pos_ = 0;
};

void add(Totals& sum, const Totals& part) {
    sum.planned += part.planned;
    sum.additional += part.additional;
    sum.reached += part.reached;
    sum.subsidy += part.subsidy;
    sum.plans += part.plans;
    sum.governments += part.governments;
}

bool has_figure(const Totals& t) {
    return t.planned != 0 || t.additional != 0 || t.reached != 0 || t.subsidy != 0 || t.plans != 0 || t.governments != 0;
}

void encode_slice(Writer& w, const Aggregate& a) {
    w.count(static_cast<std::uint64_t>(a.plan_count));
    w.count(static_cast<std::uint64_t>(a.skipped_plans));
    w.number(a.flemish_total);
    w.count(static_cast<std::uint64_t>(a.governments));
    w.count(a.per_action.size());
    for (const auto& [action, t] : a.per_action) {
        w.number(action);
        w.totals(t);
    }
    w.count(a.per_group.size());
    for (const auto& [key, t] : a.per_group) {
        w.number(key.first);
        w.text(key.second);
        w.totals(t);
    }
    w.count(a.per_objective.size());
    for (const auto& [objective, t] : a.per_objective) {
        w.number(objective);
        w.totals(t);
    }
    w.count(a.per_year.size());
    for (const auto& [year, t] : a.per_year) {
        w.number(year);
        w.totals(t);
    }
    w.count(a.per_action_year.size());
    for (const auto& [action, years] : a.per_action_year) {
        w.number(action);
        w.count(years.size());
        for (const auto& [year, t] : years) {
            w.number(year);
            w.totals(t);
        }
    }
    std::size_t headlines = 0;
    for (const auto& [headline, t] : a.headlines) headlines += has_figure(t) ? 1 : 0;
    w.count(headlines);
    for (std::size_t i = 0; i < a.headlines.size(); ++i)
        if (has_figure(a.headlines[i].second)) {
            w.count(i);
            w.totals(a.headlines[i].second);
        }
}

// Reads a slice in order, handing each of its figures to `visit` (SumInto, FindFigure).
template <class Visitor>
void walk_slice(std::string_view bytes, Visitor& visit) {
    Reader r(bytes);
    const int plans = r.small();
    const int skipped = r.small();
    const Cents flemish_total = r.number();
    visit.plans(plans, skipped, flemish_total, r.small());
    for (std::size_t n = r.size(); n > 0; --n) {
        const int action = r.integer();
        visit.action(action, r.totals());
    }
    for (std::size_t n = r.size(); n > 0; --n) {
        const int action = r.integer();
        const std::string_view group = r.text();
        visit.group(action, group, r.totals());
    }
    for (std::size_t n = r.size(); n > 0; --n) {
        const int objective = r.integer();
        visit.objective(objective, r.totals());
    }
    for (std::size_t n = r.size(); n > 0; --n) {
        const int year = r.integer();
        visit.year(year, r.totals());
    }
    for (std::size_t n = r.size(); n > 0; --n) {
        const int action = r.integer();
        for (std::size_t m = r.size(); m > 0; --m) {
            const int year = r.integer();
            visit.action_year(action, year, r.totals());
        }
    }
    for (std::size_t n = r.size(); n > 0; --n) {
        const std::uint64_t index = r.count();
        visit.headline(index, r.totals());
    }
    if (!r.done()) damaged();
}

struct SumInto {
    Aggregate& sum;
    int plans_added = 0;
    void plans(int plans, int skipped, Cents flemish_total, int governments) {
        plans_added = plans;
        sum.plan_count += plans;
        sum.skipped_plans += skipped;
        sum.flemish_total += flemish_total;
        sum.governments += governments;
    }
    void action(int action, const Totals& t) { add(sum.per_action[action], t); }
    void group(int action, std::string_view group, const Totals& t) { add(sum.per_group[{action, std::string(group)}], t); }
    void objective(int objective, const Totals& t) { add(sum.per_objective[objective], t); }
    void year(int year, const Totals& t) { add(sum.per_year[year], t); }
    void action_year(int action, int year, const Totals& t) { add(sum.per_action_year[action][year], t); }
    void headline(std::uint64_t index, const Totals& t) {
        if (index >= sum.headlines.size()) damaged();  // another catalogue: see totals_fingerprint()
        add(sum.headlines[static_cast<std::size_t>(index)].second, t);
    }
};

struct FindFigure {
    Figure figure;
    int key;
    Totals found;
    void plans(int, int, Cents, int) {}
    void action(int action, const Totals& t) {
        if (figure == Figure::action && action == key) found = t;
    }
    void group(int, std::string_view, const Totals&) {}
    void objective(int objective, const Totals& t) {
        if (figure == Figure::objective && objective == key) found = t;
    }
    void year(int, const Totals&) {}
    void action_year(int, int, const Totals&) {}
    void headline(std::uint64_t index, const Totals& t) {
        if (figure == Figure::headline && index == static_cast<std::uint64_t>(key)) found = t;
    }
};

}  // namespace

int add_slice(std::string_view bytes, Aggregate& sum) {
    SumInto visit{sum};
    walk_slice(bytes, visit);
    return visit.plans_added;
}

Totals slice_figure(std::string_view bytes, Figure figure, int key) {
    FindFigure visit{figure, key, {}};
    walk_slice(bytes, visit);
    return visit.found;
}

namespace {

void write_government(Writer& w, const LocalGovernment& g) {
    w.text(g.nis_code);
    w.text(g.name);
}

LocalGovernment read_government(Reader& r) {
    LocalGovernment g;
    g.nis_code = std::string(r.text());
    g.name = std::string(r.text());
    return g;
}


}  // namespace

const std::vector<int>& totals_years() {
    static const std::vector<int> years{0, kProjectYears[0], kProjectYears[1], kProjectYears[2]};
    return years;
}

PlanTotals plan_totals(const Plan& plan) {
    const Catalogue& catalogue = default_catalogue();
    const std::vector<int>& years = totals_years();
    // Per year its slices as (objective, bytes), objective 0 first.
    std::vector<Writer> year_slices(years.size());
    Writer slice;
    auto add = [&](std::size_t y, int objective, const Aggregate& a) {
        slice.clear();
        encode_slice(slice, a);
        year_slices[y].number(objective);
        year_slices[y].text(slice.out());
    };
    std::vector<Plan> alone{plan};
    for (std::size_t y = 0; y < years.size(); ++y) add(y, 0, aggregate(alone, catalogue, years[y]));
    std::vector<Plan>& reduced = alone;  // the plan with one objective's rows at a time
    reduced[0].rows.clear();
    for (const Objective& objective : catalogue.objectives) {
        reduced[0].rows.clear();
        for (const ActionRow& row : plan.rows)
            if (const Action* action = catalogue.find_action(row.action); action && action->objective == objective.number)
                reduced[0].rows.push_back(row);
        // Without rows the plan has no part in the objective (unless its call is not known,
        // and so skipped): no need to ask.
        if (reduced[0].rows.empty() && find_catalogue(plan.call) != nullptr) continue;
        for (std::size_t y = 0; y < years.size(); ++y) {
            Aggregate a = aggregate(reduced, catalogue, years[y]);
            const auto it = a.per_objective.find(objective.number);
            if (a.skipped_plans == 0 && it == a.per_objective.end()) continue;  // no contribution
            a.flemish_total = it == a.per_objective.end() ? 0 : it->second.subsidy;
            add(y, objective.number, a);
        }
    }
    PlanTotals totals;
    for (std::size_t y = 0; y < years.size(); ++y) totals.years.push_back({years[y], std::move(year_slices[y].out())});
    Writer w;
    w.count(kFormat);
    w.text(plan.call);
    w.text(to_string(plan.applicant.kind));
    write_government(w, plan.applicant.lead);
    w.count(plan.applicant.members.size());
    for (const auto& member : plan.applicant.members) write_government(w, member);
    totals.header = std::move(w.out());
    return totals;
}

std::string_view find_slice(std::string_view year_slices, int objective) {
    Reader r(year_slices);
    while (!r.done()) {
        const int found = r.integer();
        const std::string_view bytes = r.text();
        if (found == objective) return bytes;
    }
    return {};
}

bool current_format(std::string_view header) {
    Reader r(header);
    return !header.empty() && r.count() == kFormat;
}

TotalsHeader read_header(std::string_view header) {
    Reader r(header);
    if (r.count() != kFormat) damaged();
    TotalsHeader h;
    h.call = std::string(r.text());
    h.applicant.kind = applicant_kind_from_string(r.text());
    h.applicant.lead = read_government(r);
    for (std::size_t n = r.size(); n > 0; --n) h.applicant.members.push_back(read_government(r));
    if (!r.done()) damaged();
    return h;
}

Aggregate empty_aggregate() { return aggregate({}, default_catalogue()); }


std::string totals_fingerprint() {
    // A probe plan: every action and target group of the default catalogue, with its own
    // numbers per row and year (some above the maximum), confirmed targets and results.
    const Catalogue& catalogue = default_catalogue();
    Plan probe;
    probe.id = "totals-probe";
    probe.call = catalogue.call;
    probe.applicant.kind = ApplicantKind::igs;
    probe.applicant.lead = {"10000", "Proefstad", 9000, "Proefregio", 0};
    probe.applicant.members = {{"10001", "Proefdorp", 500, "Proefregio", 0}};
    Count n = 0;
    for (const Action& action : catalogue.actions) {
        std::vector<std::string> groups;
        for (const TargetGroup& group : action.target_groups) groups.push_back(group.code);
        if (groups.empty()) groups.emplace_back();
        for (const std::string& group : groups) {
            ++n;
            ActionRow row;
            row.action = action.number;
            row.target_group = group;
            row.current_reach = 3 * n;
            const TargetGroup* known = action.find_group(group);
            const Count maximum = known ? known->max_per_application : 0;
            row.planned = {7 * n + 1, 11 * n + 2, maximum + n};
            // Split over the two, one of them with 0 in a year (aggregate.h: who is represented).
            row.split = {{government_key(probe.applicant.lead), {row.planned[0], 0, row.planned[2] - 1}},
                         {government_key(probe.applicant.members[0]), {0, row.planned[1], 1}}};
            row.results[0].confirmed_target = 5 * n;
            row.results[1].final_reach = 13 * n;
            row.results[2].interim_reach = n;
            row.results[2].final_reach = 2 * n;
            probe.rows.push_back(std::move(row));
        }
    }
    std::string text = "totals " + std::to_string(kFormat) + "\ncall " + catalogue.call + "\nyears";
    for (int year : catalogue.years) text += " " + std::to_string(year);
    text += "\nobjectives";
    for (const Objective& objective : catalogue.objectives) text += " " + std::to_string(objective.number);
    text += "\nheadlines";
    for (const Headline& headline : catalogue.headlines) text += " " + headline.code;
    const PlanTotals totals = plan_totals(probe);
    text += "\n" + totals.header;
    for (const YearTotals& year : totals.years) text += "\n" + std::to_string(year.year) + " " + year.slices;
    return blake2b_hex(text);
}

}  // namespace samenleven::server
