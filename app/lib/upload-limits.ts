// Request-body limits of the routes that take file uploads, one named constant per route so the
// server's body-size guard and the routes read the same figure. A file's own limit is FILE_MAX_BYTES;
// a body adds a little for the other form fields and the multipart framing.
export const FILE_MAX_BYTES = 10 * 1024 * 1024;
export const FORM_OVERHEAD_BYTES = 256 * 1024;

/** At most this many photos in one upload request (a product holds up to 8 in all). */
export const PHOTOS_PER_REQUEST = 4;

/** POST /coop/apply: one licence (image or PDF). */
export const SUPPLIER_APPLICATION_BODY_LIMIT = FILE_MAX_BYTES + FORM_OVERHEAD_BYTES;
/** POST /coop/products/:slug/photos: up to PHOTOS_PER_REQUEST photos. */
export const PRODUCT_PHOTOS_BODY_LIMIT = PHOTOS_PER_REQUEST * FILE_MAX_BYTES + FORM_OVERHEAD_BYTES;
/** POST /coop/products/:slug/certificate: one certificate scan (image or PDF). */
export const CERTIFICATE_SCAN_BODY_LIMIT = FILE_MAX_BYTES + FORM_OVERHEAD_BYTES;
/** POST /org/register: the organisation's 营业执照 / 单位证明 (image or PDF). */
export const ORG_REGISTRATION_BODY_LIMIT = FILE_MAX_BYTES + FORM_OVERHEAD_BYTES;
