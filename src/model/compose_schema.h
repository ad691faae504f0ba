// The keys the Compose specification allows (compose-spec.json, which compose-go validates every loaded
// project against): at the top level and in a service, with the JSON types a service key's value may have.
// Any other key, except an `x-` extension, makes docker compose refuse the project ("additional properties
// ... not allowed"), and so does a value of another type ("services.web.user must be a string").
// tests/model/compose_schema_test.cc keeps these tables equal to the schema in
// ../shared/reference/compose-spec/.
#ifndef DOCKLINT_MODEL_COMPOSE_SCHEMA_H_
#define DOCKLINT_MODEL_COMPOSE_SCHEMA_H_

#include <string>
#include <string_view>
#include <vector>

namespace docklint::model {

// JSON schema types, as a set of bits.
struct ComposeType {
  static constexpr unsigned kString = 1, kInteger = 2, kNumber = 4, kBoolean = 8, kArray = 16, kObject = 32,
                            kNull = 64;
};

struct ComposeKeyTypes {
  std::string_view key;
  unsigned types;  // ComposeType bits; kNumber takes integers too, as JSON schema does
};

const std::vector<std::string_view>& ComposeTopLevelKeys();  // sorted
const std::vector<ComposeKeyTypes>& ComposeServiceKeys();    // sorted by key

bool IsComposeTopLevelKey(std::string_view key);
bool IsComposeServiceKey(std::string_view key);

// The types a service key allows; 0 for an `x-` extension or an unknown key.
unsigned ComposeServiceKeyTypes(std::string_view key);

// How compose-go's schema error names a set of types: "string", "boolean or string", "mapping".
std::string ComposeTypeNames(unsigned types);

}  // namespace docklint::model

#endif  // DOCKLINT_MODEL_COMPOSE_SCHEMA_H_
