// The owners and modes of a host tree's files, as the section 3 checks see them: absolute host paths,
// names from the tree's own etc/passwd and etc/group (never the machine docklint runs on).
#ifndef DOCKLINT_APP_HOST_FILES_H_
#define DOCKLINT_APP_HOST_FILES_H_

#include "app/host_fs.h"
#include "model/host_model.h"

namespace docklint::app {

// `tree` must outlive the result.
model::HostFiles MakeHostFiles(const HostFs& tree);

}  // namespace docklint::app

#endif  // DOCKLINT_APP_HOST_FILES_H_
