/*
 * <UserNotification/UNDTypes.h> - the C side of UNDTypes.defs.
 */
#ifndef _USERNOTIFICATION_UNDTYPES_H_
#define _USERNOTIFICATION_UNDTYPES_H_

#include <mach/mach_types.h>

typedef char		*UNDMessage;
typedef char		*UNDLabel;
typedef char		*UNDKey;
typedef char		*UNDPath;
typedef const char	*xmlData_t;

typedef mach_port_t	UNDReplyRef;

#define UND_REPLY_NULL	((UNDReplyRef)0)
#define XML_DATA_NULL	((xmlData_t)0)

#endif /* _USERNOTIFICATION_UNDTYPES_H_ */
