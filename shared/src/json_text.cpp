#include "samenleven/json_text.h"

#include <string>
#include <vector>

#include "samenleven/error.h"

namespace samenleven {

namespace {

using nlohmann::json;

// Keys that are numbers (project years) read as an index, as in findings: "planned[2023]".
bool all_digits(const std::string& key) {
    return !key.empty() && key.find_first_not_of("0123456789") == std::string::npos;
}

// A SAX handler that builds the value like json::parse does and keeps the path of the value
// being read, so that an error can say where it is ("rows[3].planned[2023]").
class PathTrackingBuilder {
public:
    explicit PathTrackingBuilder(json& root) : root_(root) {}

    bool null() { return add(nullptr); }
    bool boolean(bool value) { return add(value); }
    bool number_integer(json::number_integer_t value) { return add(value); }
    bool number_unsigned(json::number_unsigned_t value) { return add(value); }
    bool number_float(json::number_float_t value, const std::string&) { return add(value); }
    bool string(std::string& value) { return add(std::move(value)); }
    bool binary(json::binary_t& value) { return add(std::move(value)); }

    bool start_object(std::size_t) { return open(json::value_t::object); }
    // A key given twice in one object is refused: json::parse keeps the last value, another
    // reader (a proxy, a log) may take the first, and the two would see different requests.
    // Keys compare as decoded text: "a" and "\u0061" are the same key.
    bool key(std::string& name) {
        key_ = name;
        if (stack_.back().value->contains(key_))
            throw InputError("json.duplicate_key", path(),
                             "Het veld '" + key_ + "' staat twee keer in hetzelfde object; een veld mag maar één keer voorkomen.");
        return true;
    }
    bool end_object() { return close(); }
    bool start_array(std::size_t) { return open(json::value_t::array); }
    bool end_array() { return close(); }

    bool parse_error(std::size_t position, const std::string&, const json::exception& e) {
        const std::string at = std::to_string(position);
        const std::string what = e.what();
        if (e.id == 406)  // out_of_range.406: number overflow
            throw InputError("json.number_too_large", path(),
                             "Dit getal is te groot om te lezen (teken " + at + ").");
        if (what.find("UTF-8") != std::string::npos)
            throw InputError("json.encoding", path(),
                             "De tekst bevat bytes die geen geldige UTF-8 zijn (teken " + at +
                                 "); bewaar het bestand als UTF-8.");
        throw InputError("json.syntax", path(), "Dit is geen geldig JSON-document (fout bij teken " + at + ").");
    }

private:
    struct Frame {
        json* value;
        std::string key;  // objects: the key of the member being read
    };

    bool add(json value) { return place(std::move(value)) != nullptr; }

    json* place(json value) {
        if (stack_.empty()) {
            root_ = std::move(value);
            return &root_;
        }
        json& parent = *stack_.back().value;
        if (parent.is_array()) {
            parent.push_back(std::move(value));
            return &parent.back();
        }
        json& slot = parent[key_];
        slot = std::move(value);
        return &slot;
    }

    bool open(json::value_t type) {
        if (stack_.size() >= kMaxJsonDepth)
            throw InputError("json.too_deep", path(),
                             "De gegevens zijn dieper genest dan " + std::to_string(kMaxJsonDepth) + " niveaus.");
        std::string member = stack_.empty() || stack_.back().value->is_array() ? std::string() : key_;
        json* value = place(json(type));
        if (!stack_.empty()) stack_.back().key = std::move(member);
        stack_.push_back({value, {}});
        key_.clear();
        return true;
    }

    bool close() {
        stack_.pop_back();
        if (!stack_.empty()) key_ = stack_.back().key;
        return true;
    }

    // The path of the value being read: each open container's member, then the pending one.
    std::string path() const {
        std::string out;
        for (std::size_t i = 0; i < stack_.size(); ++i) {
            const json& container = *stack_[i].value;
            const bool last = i + 1 == stack_.size();
            if (container.is_array()) {
                // The element being read is the next one (or the last one, for a container
                // that is still open below this level).
                const std::size_t index = last ? container.size() : container.size() - 1;
                out += "[" + std::to_string(index) + "]";
            } else {
                const std::string& member = last ? key_ : stack_[i].key;
                if (member.empty() && last) break;
                out = join_path(out, all_digits(member) ? "[" + member + "]" : member);
            }
        }
        return out;
    }

    json& root_;
    std::vector<Frame> stack_;
    std::string key_;
};

}  // namespace

json parse_json_text(std::string_view text) {
    json root;
    PathTrackingBuilder builder(root);
    json::sax_parse(text.begin(), text.end(), &builder, json::input_format_t::json, true, false);
    return root;
}

}  // namespace samenleven
