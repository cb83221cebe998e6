/* version_info.h: the version of spacelock itself. */
#ifndef SPACELOCK_VERSION_INFO_H
#define SPACELOCK_VERSION_INFO_H

#define SL_VERSION_STRING "0.1.0"

#endif
