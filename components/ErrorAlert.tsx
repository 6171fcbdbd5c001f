/** What went wrong, announced at once by screen readers; nothing when all is well. */
export function ErrorAlert({ message }: { message: string | undefined | null }) {
  return message ? (
    <p class="error" role="alert">
      {message}
    </p>
  ) : null;
}
