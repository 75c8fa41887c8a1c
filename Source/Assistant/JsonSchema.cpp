#include "Assistant/JsonSchema.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace moodboard::assistant
{
namespace
{
using nlohmann::json;

bool hasType (const json& value, const std::string& type)
{
    if (type == "string")
        return value.is_string();
    if (type == "boolean")
        return value.is_boolean();
    if (type == "object")
        return value.is_object();
    if (type == "array")
        return value.is_array();
    if (type == "null")
        return value.is_null();
    if (type == "number")
        return value.is_number();
    if (type == "integer")
        return value.is_number_integer() ||
               (value.is_number_float() && std::floor (value.get<double>()) == value.get<double>());
    return false;
}

std::string describe (const json& value)
{
    auto text = value.dump();
    return text.size() > 40 ? text.substr (0, 40) + "..." : text;
}

std::optional<std::string> check (const json& value, const json& schema, const std::string& at)
{
    if (!schema.is_object())
        return std::nullopt;

    if (const auto type = schema.find ("type"); type != schema.end())
    {
        std::vector<std::string> allowed;
        if (type->is_string())
            allowed.push_back (type->get<std::string>());
        else if (type->is_array())
            for (const auto& t : *type)
                if (t.is_string())
                    allowed.push_back (t.get<std::string>());
        bool fits = false;
        for (const auto& t : allowed)
            fits = fits || hasType (value, t);
        if (!fits)
        {
            std::string names;
            for (const auto& t : allowed)
                names += (names.empty() ? "" : " or ") + t;
            return at + ": expected " + names + ", got " + describe (value);
        }
    }

    if (const auto options = schema.find ("enum"); options != schema.end() && options->is_array())
    {
        bool listed = false;
        for (const auto& option : *options)
            listed = listed || option == value;
        if (!listed)
            return at + ": must be one of " + options->dump() + ", got " + describe (value);
    }

    if (value.is_number())
    {
        const auto number = value.get<double>();
        if (schema.contains ("minimum") && number < schema["minimum"].get<double>())
            return at + ": must be at least " + schema["minimum"].dump() + ", got " + value.dump();
        if (schema.contains ("maximum") && number > schema["maximum"].get<double>())
            return at + ": must be at most " + schema["maximum"].dump() + ", got " + value.dump();
    }

    if (value.is_string())
    {
        const auto length = value.get_ref<const std::string&>().size();
        if (schema.contains ("minLength") && length < schema["minLength"].get<std::size_t>())
            return at + ": must have at least " + schema["minLength"].dump() + " characters";
        if (schema.contains ("maxLength") && length > schema["maxLength"].get<std::size_t>())
            return at + ": must have at most " + schema["maxLength"].dump() + " characters";
    }

    if (value.is_array())
    {
        if (schema.contains ("minItems") && value.size() < schema["minItems"].get<std::size_t>())
            return at + ": needs at least " + schema["minItems"].dump() + " items";
        if (schema.contains ("maxItems") && value.size() > schema["maxItems"].get<std::size_t>())
            return at + ": takes at most " + schema["maxItems"].dump() + " items";
        if (const auto items = schema.find ("items"); items != schema.end())
            for (std::size_t i = 0; i < value.size(); ++i)
                if (auto problem = check (value[i], *items, at + "[" + std::to_string (i) + "]"))
                    return problem;
    }

    if (value.is_object())
    {
        const auto properties = schema.value ("properties", json::object());
        if (const auto required = schema.find ("required"); required != schema.end())
            for (const auto& name : *required)
                if (name.is_string() && !value.contains (name.get<std::string>()))
                    return at + ": missing the required field \"" + name.get<std::string>() + "\"";
        for (const auto& [name, field] : value.items())
        {
            if (properties.contains (name))
            {
                if (auto problem = check (field, properties[name], at + "." + name))
                    return problem;
            }
            else if (const auto extra = schema.find ("additionalProperties");
                     extra != schema.end() && extra->is_boolean() && !extra->get<bool>())
                return at + ": has no field \"" + name + "\" (allowed: " +
                       [&]
                {
                    std::string names;
                    for (const auto& [known, unused] : properties.items())
                        names += (names.empty() ? "" : ", ") + known;
                    return names;
                }() + ")";
        }
    }
    return std::nullopt;
}
} // namespace

std::optional<std::string> validateAgainstSchema (const json& value, const json& schema)
{
    return check (value, schema, "$");
}

} // namespace moodboard::assistant
