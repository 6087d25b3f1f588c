import { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';

/** Group validator: `confirmation` must equal `password` (error `passwordMismatch`). */
export function matchPasswords(password: string, confirmation: string): ValidatorFn {
  return (group: AbstractControl): ValidationErrors | null => {
    const first: unknown = group.get(password)?.value;
    const second: unknown = group.get(confirmation)?.value;
    return first === second ? null : { passwordMismatch: true };
  };
}
