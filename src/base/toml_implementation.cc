// The one translation unit that compiles toml++'s parser (the others include its declarations only), so
// the binary needs no libtomlplusplus.so at run time.
#define TOML_IMPLEMENTATION
#include "base/toml.h"
